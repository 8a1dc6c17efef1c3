using System.Diagnostics.Metrics;
using Lantern.Silo.Journal;

namespace Lantern.Api.Ingestion.Journal;

/// <summary>
/// Journaled batches not yet stored, bounded (<see cref="IngestJournalOptions.MaxPendingBatches"/>): a request waits for
/// room, so when PostgreSQL is slow or away ingestion slows down instead of filling memory. Exported as
/// <c>lantern_ingest_journal_pending_batches</c>.
/// </summary>
public sealed class JournalBacklog
{
    private readonly SemaphoreSlim _room;
    private int _pending;

    public JournalBacklog(IngestJournalOptions options, IMeterFactory meters)
    {
        _room = new SemaphoreSlim(options.MaxPendingBatches, options.MaxPendingBatches);
        meters.Create(IngestionMetrics.MeterName).CreateObservableGauge("lantern_ingest_journal_pending_batches", () => Pending,
            description: "Batches acknowledged from the ingestion journal and not yet stored in PostgreSQL.");
    }

    public int Pending => Volatile.Read(ref _pending);

    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        await _room.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _pending);
    }

    public void Leave()
    {
        Interlocked.Decrement(ref _pending);
        _room.Release();
    }
}
