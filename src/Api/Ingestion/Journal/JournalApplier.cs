using Lantern.Contracts.Runtime;
using Lantern.Silo.Cluster;

namespace Lantern.Api.Ingestion.Journal;

/// <summary>
/// Stores journaled batches through their grains. Each grain call is made at once, so events a client sends next queue
/// behind them in the grain; a call that fails is made again, with a growing pause, until it succeeds or the node stops
/// (then the journal keeps the batch for the next start): an acknowledged batch is never dropped.
/// </summary>
public sealed partial class JournalApplier(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<JournalApplier> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <summary>Calls the grains now; the task completes once every batch is stored (and owns <paramref name="batches"/>).</summary>
    public Task StoreAsync(JournalBatches batches)
    {
        var calls = batches.Batches.Select(b => (Batch: b, Call: Call(b))).ToList();
        return FinishAsync(batches, calls);
    }

    private async Task FinishAsync(JournalBatches batches, List<(PartitionBatch Batch, Task Call)> calls)
    {
        using (batches)
        {
            foreach (var (batch, call) in calls)
            {
                await UntilStoredAsync(batch, call);
            }
        }
    }

    private async Task UntilStoredAsync(PartitionBatch batch, Task call)
    {
        var pause = FirstPause;
        while (true)
        {
            try
            {
                await call;
                return;
            }
            catch (Exception failed)
            {
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The node is stopping; the journal keeps the batch for the next start.", failed);
                }

                LogStoreRetried(logger, failed, batch.Events.Count, batch.ProjectId, pause.TotalSeconds);
            }

            await Task.Delay(pause, lifetime.ApplicationStopping);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            call = Call(batch);
        }
    }

    // A grain call that throws synchronously still becomes a failed task, retried like any other failure.
    private async Task Call(PartitionBatch batch) => await batch.ApplyAsync(grains);

    [LoggerMessage(LogLevel.Warning, "Storing {Count} journaled events of project {ProjectId} failed; trying again in {Seconds} s")]
    private static partial void LogStoreRetried(ILogger logger, Exception exception, int count, string projectId, double seconds);
}
