namespace Lantern.IngestBench;

/// <summary>
/// With the node's ingestion journal on (the default; <c>BENCH_JOURNAL=0</c> turns it off) an ack comes before the
/// commit: the stored rows are counted and checked once nothing acknowledged is pending any more
/// (<c>lantern_ingest_journal_pending_batches</c>, which only a node with a journal exports).
/// </summary>
internal static class JournalDrain
{
    private const string Pending = "lantern_ingest_journal_pending_batches";

    /// <summary>Waits until no journaled batch is pending; returns the seconds waited, or null when the node has no journal.</summary>
    public static async Task<double?> WaitAsync(HttpClient http)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var metrics = await MetricsText.ScrapeAsync(http);
        if (!metrics.Has(Pending))
        {
            return null;
        }

        while (waited.Elapsed < TimeSpan.FromMinutes(2) && metrics.Sum(Pending) > 0)
        {
            await Task.Delay(20);
            metrics = await MetricsText.ScrapeAsync(http);
        }

        return waited.Elapsed.TotalSeconds;
    }
}
