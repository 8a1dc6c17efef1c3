using Lantern.Silo.Journal;

namespace Lantern.Api.Ingestion.Journal;

/// <summary>
/// At start-up, before the node takes requests, stores again every batch the previous process journaled (it may have
/// stopped before storing them; storing one twice changes nothing), then deletes its files.
/// </summary>
public sealed partial class IngestJournalRecovery(IngestJournal journal, JournalApplier applier, ILogger<IngestJournalRecovery> logger)
    : IHostedService
{
    private const int Concurrent = 16;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (journal.Recovered.Count == 0)
        {
            journal.RecoveredStored();
            return;
        }

        var count = journal.Recovered.Count;
        LogRecovering(logger, count);
        await Parallel.ForEachAsync(journal.Recovered, new ParallelOptions { MaxDegreeOfParallelism = Concurrent, CancellationToken = cancellationToken },
            async (record, _) => await applier.StoreAsync(JournalBatches.Parse(record.Payload)));
        journal.RecoveredStored();
        LogRecovered(logger, count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Storing {Count} batches left in the ingestion journal by the previous start")]
    private static partial void LogRecovering(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Stored the {Count} journaled batches of the previous start")]
    private static partial void LogRecovered(ILogger logger, int count);
}
