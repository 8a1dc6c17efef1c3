using Lantern.Contracts.Ingestion;
using Lantern.Silo.Pii;

namespace Lantern.Api.Ingestion;

/// <summary>
/// What every batch goes through before anything of it is stored, journaled or not: scores are checked against their
/// score configs, PII is masked, and the events are grouped by the grain that owns them.
/// </summary>
public sealed class IngestionPreparation(EventRouter router, ScoreConfigEnforcer scoreConfigs, IEventMasker masker, IngestionMetrics metrics)
{
    public async Task<PreparedIngestion> PrepareAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        var (accepted, rejected) = await scoreConfigs.CheckAsync(projectId, events, cancellationToken);
        rejected.ForEach(_ => metrics.Event(projectId, "score-create", "invalid"));
        var masked = await masker.MaskAsync(projectId, accepted, cancellationToken);
        return new PreparedIngestion(masked, rejected, await router.RouteAsync(projectId, masked, cancellationToken));
    }
}
