using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Contracts.Ingestion;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Builds the Langfuse score (source EVAL) an evaluator writes for one text. The score id depends only on what is scored
/// (project, trace, observation, field, evaluator), so re-scoring a text replaces its score instead of adding one.
/// </summary>
public static class EvaluationScore
{
    public static string Id(EvaluationRequest request, string evaluator) =>
        DeterministicGuid($"eval\n{request.ProjectId}\n{request.TraceId}\n{request.ObservationId}\n{request.Field}\n{evaluator}");

    public static IngestionEvent Create(EvaluationRequest request, Evaluator evaluator, float probability, DateTimeOffset now)
    {
        var verdict = evaluator.Verdict(probability);
        var model = evaluator.Classifier.ModelSha256;
        var target = request.ObservationId is null ? "trace" : "observation";
        var body = new JsonObject
        {
            ["id"] = Id(request, evaluator.Name),
            ["traceId"] = request.TraceId,
            ["name"] = evaluator.Name,
            ["value"] = Math.Round(probability, 6),
            ["dataType"] = "NUMERIC",
            ["source"] = "EVAL",
            ["comment"] = string.Create(CultureInfo.InvariantCulture,
                $"{verdict}: {probability:0.000} vs threshold {evaluator.Threshold:0.000} on the {target} {request.Field}; model sha256:{model[..12]}"),
            ["metadata"] = new JsonObject
            {
                ["verdict"] = verdict,
                ["threshold"] = Math.Round(evaluator.Threshold, 6),
                ["field"] = request.Field,
                ["model_sha256"] = model,
                ["text_sha256"] = request.TextHash,
            },
        };
        if (request.ObservationId is not null)
        {
            body["observationId"] = request.ObservationId;
        }

        // The event id names the scored text too: a new text is a new event, a resent one merges as a no-op.
        var eventId = DeterministicGuid($"{body["id"]}\n{request.TextHash}\n{model}");
        return new IngestionEvent(eventId, IngestionEventType.ScoreCreate, now, JsonSerializer.SerializeToElement(body));
    }

    private static string DeterministicGuid(string key) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)).ToString();
}
