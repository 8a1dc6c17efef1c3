using Lantern.Grains.Evaluations;
using Lantern.Grains.Traces;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Streams;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Publishes the input and output texts of committed traces and observations on the evaluation stream. A full stream
/// sheds the text (counted per evaluator) instead of slowing the ingestion call that committed it; the backlog remembers
/// where it is stored, so <see cref="EvaluationCatchUp"/> scores it later.
/// </summary>
public sealed class StreamEvaluationPublisher(
    IMessageStream<EvaluationRequest> stream, EvaluatorSet evaluators, EvaluatorMetrics metrics, EvaluationBacklog backlog)
    : IEvaluationPublisher
{
    private static readonly string[] Fields = ["input", "output"];

    public void Publish(string projectId, string traceId, Entity? trace, IEnumerable<Entity> observations)
    {
        if (trace is not null)
        {
            PublishFields(projectId, traceId, null, trace);
        }

        foreach (var observation in observations)
        {
            PublishFields(projectId, traceId, observation.Id, observation);
        }
    }

    private void PublishFields(string projectId, string traceId, string? observationId, Entity entity)
    {
        foreach (var field in Fields)
        {
            if (EvaluationText.From(entity.Get(field)) is not { } text)
            {
                continue;
            }

            if (!stream.TryPublish(EvaluationRequest.For(projectId, traceId, observationId, field, text)))
            {
                foreach (var evaluator in evaluators.Evaluators)
                {
                    metrics.Shed(evaluator.Name);
                }

                if (!backlog.Remember(new ShedText(projectId, traceId, observationId, field)))
                {
                    metrics.Forgotten();
                }
            }
        }
    }
}
