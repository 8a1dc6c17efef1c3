using Lantern.Grains.Traces;

namespace Lantern.Grains.Evaluations;

/// <summary>
/// Hands committed trace and observation texts to the evaluators. Called after the commit, it must never block or fail
/// the ingestion call: implementations queue or drop, they do not score inline.
/// </summary>
public interface IEvaluationPublisher
{
    /// <summary>Queues the input and output of <paramref name="trace"/> (when it changed) and of each changed observation.</summary>
    void Publish(string projectId, string traceId, Entity? trace, IEnumerable<Entity> observations);
}
