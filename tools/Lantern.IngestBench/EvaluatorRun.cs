using System.Diagnostics;

namespace Lantern.IngestBench;

/// <summary>
/// Whether the evaluators kept up with the load (issue 10): texts scored while it ran (every text goes through each model
/// once, so the prompt-injection model's verdicts count them), texts shed, the evaluation stream's backlog when the load
/// stopped, and how long the node took to empty it. Only when the node runs evaluators (<c>BENCH_EVALUATORS=1</c>).
/// </summary>
internal sealed record EvaluatorRun(double Scored, double Shed, double BacklogAtEnd, double CatchUpSeconds)
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(5);

    public static async Task<(double Scored, double Shed, double Backlog)> CountersAsync(HttpClient http)
    {
        var metrics = await MetricsText.ScrapeAsync(http);
        return (metrics.Sum("lantern_evaluator_verdicts_total{", "evaluator=\"prompt_injection\""),
            metrics.Sum("lantern_evaluator_shed_total{", "evaluator=\"prompt_injection\""),
            metrics.Sum("lantern_stream_queue_depth{stream=\"evaluations\"}"));
    }

    /// <summary>The run since <paramref name="before"/>, or null when the node scored nothing (evaluators off).</summary>
    public static async Task<EvaluatorRun?> FinishAsync(HttpClient http, (double Scored, double Shed, double Backlog) before)
    {
        var atEnd = await CountersAsync(http);
        var (scored, shed) = (atEnd.Scored - before.Scored, atEnd.Shed - before.Shed);
        if (scored == 0 && shed == 0 && atEnd.Backlog == 0)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        for (var now = atEnd; now.Backlog > 0 && clock.Elapsed < CatchUpLimit; now = await CountersAsync(http))
        {
            await Task.Delay(250);
        }

        return new EvaluatorRun(scored, shed, atEnd.Backlog, clock.Elapsed.TotalSeconds);
    }
}
