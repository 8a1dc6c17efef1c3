namespace Lantern.IngestBench;

/// <summary>
/// With the node's ingestion journal on (<c>BENCH_JOURNAL=1</c>) an ack comes before the commit: the stored rows are
/// counted and checked once nothing acknowledged is pending any more (<c>lantern_ingest_journal_pending_batches</c>).
/// </summary>
internal static class JournalDrain
{
    private const string Pending = "lantern_ingest_journal_pending_batches";

    /// <summary>Waits until no journaled batch is pending (at once without a journal); returns the seconds waited.</summary>
    public static async Task<double> WaitAsync(HttpClient http)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2) && (await MetricsText.ScrapeAsync(http)).Sum(Pending) > 0)
        {
            await Task.Delay(20);
        }

        return waited.Elapsed.TotalSeconds;
    }
}
