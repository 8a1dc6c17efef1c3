using Lantern.Silo.Evaluators;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Texts to score, on their way from the silo that committed them to whichever silo's evaluation worker takes the message
/// from the shared queue. Several commits' texts travel together, so the broker's per-message cost is paid per batch.
/// </summary>
public sealed record EvaluationBatch(IReadOnlyList<EvaluationRequest> Requests);
