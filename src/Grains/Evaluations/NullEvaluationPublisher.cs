using Lantern.Grains.Traces;

namespace Lantern.Grains.Evaluations;

/// <summary>The publisher when evaluators are off: trace grains then behave exactly as without evaluators.</summary>
public sealed class NullEvaluationPublisher : IEvaluationPublisher
{
    public static readonly NullEvaluationPublisher Instance = new();

    public void Publish(string projectId, string traceId, Entity? trace, IEnumerable<Entity> observations)
    {
    }
}
