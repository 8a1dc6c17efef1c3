using Lantern.Silo.Journal;

namespace Lantern.Api.Ingestion.Journal;

/// <summary>Registers the single node's ingestion journal when <c>LANTERN_INGEST_JOURNAL_DIR</c> is set.</summary>
public static class IngestJournalServiceCollectionExtensions
{
    /// <summary>
    /// Adds the journal and its write path; false when there is none to add: no directory, or a cluster, whose broker
    /// pipeline plays the journal's part.
    /// </summary>
    public static bool AddLanternIngestJournal(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["LANTERN_INGEST_JOURNAL_DIR"] is not { Length: > 0 } directory || configuration["LANTERN_RABBITMQ_URL"] is { Length: > 0 })
        {
            return false;
        }

        services.AddSingleton(new IngestJournalOptions
        {
            Directory = directory,
            MaxPendingBytes = configuration.GetValue("LANTERN_INGEST_JOURNAL_MAX_PENDING_BYTES", new IngestJournalOptions().MaxPendingBytes),
        });
        services.AddSingleton<IngestJournal>();
        services.AddSingleton<JournalApplier>();
        services.AddSingleton<JournalBacklog>();
        services.AddSingleton<IIngestionPipeline, JournalIngestionPipeline>();
        services.AddHostedService<IngestJournalRecovery>();
        return true;
    }
}
