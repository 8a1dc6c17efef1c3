using System.Diagnostics;

namespace Lantern.IngestBench;

/// <summary>
/// Whether the evaluators kept up with the load (issue 10): texts scored while it ran (every text goes through each model
/// once, so the prompt-injection model's verdicts count them), texts shed, the evaluation stream's backlog when the load
/// stopped, and how long the node took to catch up: the stream and the backlog of shed texts both empty, so every shed text
/// was queued again (or counted as not remembered) and scored. Only when the node runs evaluators (<c>BENCH_EVALUATORS=1</c>).
/// </summary>
internal sealed record EvaluatorRun(double Scored, double Shed, double BacklogAtEnd, double Requeued, double NotRemembered, double CatchUpSeconds)
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(5);

    public static async Task<(double Scored, double Shed, double Backlog, double Requeued, double NotRemembered)> CountersAsync(HttpClient http)
    {
        var metrics = await MetricsText.ScrapeAsync(http);
        return (metrics.Sum("lantern_evaluator_verdicts_total{", "evaluator=\"prompt_injection\""),
            metrics.Sum("lantern_evaluator_shed_total{", "evaluator=\"prompt_injection\""),
            metrics.Sum("lantern_stream_queue_depth{stream=\"evaluations\"}") + metrics.Sum("lantern_evaluator_backlog "),
            metrics.Sum("lantern_evaluator_requeued_total"),
            metrics.Sum("lantern_evaluator_backlog_full_total"));
    }

    /// <summary>The run since <paramref name="before"/>, or null when the node scored nothing (evaluators off).</summary>
    public static async Task<EvaluatorRun?> FinishAsync(
        HttpClient http, (double Scored, double Shed, double Backlog, double Requeued, double NotRemembered) before)
    {
        var atEnd = await CountersAsync(http);
        var (scored, shed) = (atEnd.Scored - before.Scored, atEnd.Shed - before.Shed);
        if (scored == 0 && shed == 0 && atEnd.Backlog == 0)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        var now = atEnd;
        while (now.Backlog > 0 && clock.Elapsed < CatchUpLimit)
        {
            await Task.Delay(250);
            now = await CountersAsync(http);
        }

        return new EvaluatorRun(scored, shed, atEnd.Backlog, now.Requeued - before.Requeued, now.NotRemembered - before.NotRemembered, clock.Elapsed.TotalSeconds);
    }
}
