using Lantern.Tools;

namespace Lantern.GuardBench;

/// <summary>Command-line options: how hard and how long to drive the guard, and with which texts.</summary>
internal sealed record BenchOptions(
    string? ApiDll, string? DataDir, string PublicKey, string SecretKey, int Concurrency, int Seconds, int Rounds, int Texts, int Seed,
    string JsonPath, bool Smoke)
{
    public const string ProjectId = "bench";

    public const string Usage = """
        usage: Lantern.GuardBench [--smoke] [--concurrency 4] [--seconds 10] [--rounds 3] [--texts 2000] [--seed 7]
                                  [--data-dir data] [--json .data/bench/guard.json] [--api-dll path/to/Lantern.Api.dll]
        Starts Lantern.Api.dll on a free port against LANTERN_DATABASE_URL with LANTERN_ONNXRUNTIME_PATH set (see
        tools/Lantern.GuardBench/bench.sh) and sends POST /api/guard/scan from --concurrency workers, each sending its next
        text on the answer. Each of --rounds runs all checks for --seconds, then PII only (the models off) for --seconds on
        the same texts, so the models' share is a difference measured in the same run.
        --smoke: a few seconds of light load (the test suite's check that the figures are sane); explicit options still win.
        """;

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        var smoke = args.Contains("--smoke");
        args = [.. args.Where(a => a != "--smoke")];
        if (OptionValues.Read(args, out error) is not { } values)
        {
            return null;
        }

        var options = new BenchOptions(
            values.GetValueOrDefault("api-dll"),
            values.GetValueOrDefault("data-dir"),
            values.GetValueOrDefault("public-key", "pk-lf-bench"),
            values.GetValueOrDefault("secret-key", "sk-lf-bench-secret"),
            OptionValues.Number(values, "concurrency", smoke ? 2 : 4, ref error),
            OptionValues.Number(values, "seconds", smoke ? 2 : 10, ref error),
            OptionValues.Number(values, "rounds", smoke ? 1 : 3, ref error),
            OptionValues.Number(values, "texts", smoke ? 200 : 2000, ref error),
            OptionValues.Number(values, "seed", 7, ref error),
            values.GetValueOrDefault("json", ".data/bench/guard.json"),
            smoke);
        var unknown = values.Keys.Except(Known).FirstOrDefault();
        error ??= unknown is null ? null : $"unknown option --{unknown}";
        return error is null ? options : null;
    }

    private static readonly string[] Known = ["api-dll", "data-dir", "public-key", "secret-key", "concurrency", "seconds", "rounds", "texts", "seed", "json"];
}
