using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Contracts.Ingestion;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Builds the Langfuse scores (source EVAL) the evaluators write for one text. The score id depends only on what is scored
/// (project, trace, observation, field, evaluator), so re-scoring a text replaces its score instead of adding one.
/// </summary>
public static class EvaluationScore
{
    public const string Pii = "pii";

    public static string Id(EvaluationRequest request, string evaluator) =>
        DeterministicGuid($"eval\n{request.ProjectId}\n{request.TraceId}\n{request.ObservationId}\n{request.Field}\n{evaluator}");

    public static IngestionEvent Create(EvaluationRequest request, Evaluator evaluator, float probability, DateTimeOffset now)
    {
        var verdict = evaluator.Verdict(probability);
        var model = evaluator.Classifier.ModelSha256;
        var comment = string.Create(CultureInfo.InvariantCulture,
            $"{verdict}: {probability:0.000} vs threshold {evaluator.Threshold:0.000} on the {Target(request)}; model sha256:{model[..12]}");
        var metadata = new JsonObject
        {
            ["verdict"] = verdict,
            ["threshold"] = Math.Round(evaluator.Threshold, 6),
            ["field"] = request.Field,
            ["model_sha256"] = model,
            ["text_sha256"] = request.TextHash,
        };
        return Event(request, evaluator.Name, Math.Round(probability, 6), comment, metadata, model, now);
    }

    /// <summary>The <c>pii</c> score: how many personal data values the text holds, with the count of each kind.</summary>
    public static IngestionEvent CreatePii(EvaluationRequest request, IReadOnlyDictionary<string, int> counts, DateTimeOffset now)
    {
        var total = counts.Values.Sum();
        var kinds = string.Join(", ", counts.Select(c => $"{c.Key} x{c.Value}"));
        var comment = total == 0 ? $"no PII in the {Target(request)}" : $"{total} PII values in the {Target(request)}: {kinds}";
        var metadata = new JsonObject
        {
            ["kinds"] = new JsonObject(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["field"] = request.Field,
            ["text_sha256"] = request.TextHash,
        };
        return Event(request, Pii, total, comment, metadata, "pii-detector", now);
    }

    private static IngestionEvent Event(
        EvaluationRequest request, string name, double value, string comment, JsonObject metadata, string version, DateTimeOffset now)
    {
        var body = new JsonObject
        {
            ["id"] = Id(request, name),
            ["traceId"] = request.TraceId,
            ["name"] = name,
            ["value"] = value,
            ["dataType"] = "NUMERIC",
            ["source"] = "EVAL",
            ["comment"] = comment,
            ["metadata"] = metadata,
        };
        if (request.ObservationId is not null)
        {
            body["observationId"] = request.ObservationId;
        }

        // The event id names the scored text too: a new text is a new event, a resent one merges as a no-op.
        var eventId = DeterministicGuid($"{body["id"]}\n{request.TextHash}\n{version}");
        return new IngestionEvent(eventId, IngestionEventType.ScoreCreate, now, JsonSerializer.SerializeToElement(body));
    }

    private static string Target(EvaluationRequest request) =>
        $"{(request.ObservationId is null ? "trace" : "observation")} {request.Field}";

    /// <summary>A GUID derived from <paramref name="key"/>: the same thing evaluated twice gets the same id, so it merges.</summary>
    internal static string DeterministicGuid(string key) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)).ToString();
}
