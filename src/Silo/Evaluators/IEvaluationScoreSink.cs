using Lantern.Contracts.Ingestion;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Where evaluator scores go: the host wires this to the ingestion pipeline, so scores are stored, merged and rolled
/// up exactly like scores an SDK sends.
/// </summary>
public interface IEvaluationScoreSink
{
    Task WriteAsync(string projectId, IReadOnlyList<IngestionEvent> scores, CancellationToken cancellationToken);
}
