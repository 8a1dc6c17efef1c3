using System.Diagnostics.Metrics;
using Lantern.Silo.Journal;

namespace Lantern.Api.Ingestion.Journal;

/// <summary>
/// The bytes of journaled batches not yet stored, bounded (<see cref="IngestJournalOptions.MaxPendingBytes"/>): a request
/// waits for room, in arrival order, so a slow or absent PostgreSQL slows ingestion down instead of filling memory, and
/// at full load no more is in flight than the commits can take. A batch larger than the bound enters alone. Exported as
/// <c>lantern_ingest_journal_pending_batches</c>.
/// </summary>
public sealed class JournalBacklog
{
    private readonly long _maxBytes;
    private readonly Queue<(long Bytes, TaskCompletionSource Room)> _waiting = new();
    private readonly Lock _lock = new();
    private long _bytes;
    private int _batches;

    public JournalBacklog(IngestJournalOptions options, IMeterFactory meters)
    {
        _maxBytes = options.MaxPendingBytes;
        meters.Create(IngestionMetrics.MeterName).CreateObservableGauge("lantern_ingest_journal_pending_batches", () => Pending,
            description: "Batches acknowledged from the ingestion journal and not yet stored in PostgreSQL.");
    }

    public int Pending => Volatile.Read(ref _batches);

    /// <summary>Waits until a batch of <paramref name="bytes"/> fits; it counts as pending from then on.</summary>
    public Task EnterAsync(long bytes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_waiting.Count == 0 && Fits(bytes))
            {
                Admit(bytes);
                return Task.CompletedTask;
            }

            // A request that gives up while waiting is skipped when its turn comes, not admitted.
            var room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => room.TrySetCanceled(cancellationToken));
            _waiting.Enqueue((bytes, room));
            return room.Task;
        }
    }

    /// <summary>A batch of <paramref name="bytes"/> is stored (or was not taken); waiting batches that now fit enter.</summary>
    public void Leave(long bytes)
    {
        lock (_lock)
        {
            _bytes -= bytes;
            _batches--;
            while (_waiting.TryPeek(out var next) && Fits(next.Bytes))
            {
                _waiting.Dequeue();
                if (next.Room.TrySetResult())
                {
                    Admit(next.Bytes);
                }
            }
        }
    }

    private bool Fits(long bytes) => _batches == 0 || _bytes + bytes <= _maxBytes;

    private void Admit(long bytes)
    {
        _bytes += bytes;
        _batches++;
    }
}
