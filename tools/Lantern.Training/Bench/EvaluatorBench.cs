namespace Lantern.Training.Bench;

/// <summary>Placeholder replaced below.</summary>
internal static class EvaluatorBench
{
    public static int Run(string repo, int threads) => repo.Length + threads > 0 ? 0 : 1;
}
