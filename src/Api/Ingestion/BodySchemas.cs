using System.Collections.Frozen;

namespace Lantern.Api.Ingestion;

/// <summary>The known fields of each event body (reference §3.3). Unknown fields pass, as Langfuse's schemas strip them.</summary>
public static class BodySchemas
{
    public static readonly FrozenDictionary<string, FieldRule> Trace = Build(new()
    {
        ["id"] = FieldRule.Id, ["timestamp"] = FieldRule.Time, ["name"] = FieldRule.Name, ["userId"] = FieldRule.String,
        ["sessionId"] = FieldRule.String, ["input"] = FieldRule.Any, ["output"] = FieldRule.Any, ["metadata"] = FieldRule.Any,
        ["release"] = FieldRule.String, ["version"] = FieldRule.String, ["tags"] = FieldRule.StringArray, ["public"] = FieldRule.Bool,
        ["environment"] = FieldRule.String, ["externalId"] = FieldRule.String,
    });

    public static readonly FrozenDictionary<string, FieldRule> Observation = Build(ObservationFields());

    public static readonly FrozenDictionary<string, FieldRule> LegacyObservation = Build(new(ObservationFields())
    {
        ["type"] = FieldRule.LegacyObservationType,
    });

    public static readonly FrozenDictionary<string, FieldRule> Score = Build(new()
    {
        ["id"] = FieldRule.Id, ["timestamp"] = FieldRule.Time, ["name"] = FieldRule.String, ["value"] = FieldRule.ScoreValue,
        ["dataType"] = FieldRule.ScoreDataType, ["traceId"] = FieldRule.Id, ["observationId"] = FieldRule.Id,
        ["sessionId"] = FieldRule.Id, ["datasetRunId"] = FieldRule.Id, ["comment"] = FieldRule.String, ["metadata"] = FieldRule.Any,
        ["configId"] = FieldRule.String, ["queueId"] = FieldRule.String, ["environment"] = FieldRule.String,
        ["source"] = FieldRule.ScoreSource, ["executionTraceId"] = FieldRule.String,
    });

    private static Dictionary<string, FieldRule> ObservationFields() => new()
    {
        ["id"] = FieldRule.Id, ["traceId"] = FieldRule.Id, ["name"] = FieldRule.String, ["startTime"] = FieldRule.Time,
        ["endTime"] = FieldRule.Time, ["completionStartTime"] = FieldRule.Time, ["metadata"] = FieldRule.Any,
        ["input"] = FieldRule.Any, ["output"] = FieldRule.Any, ["level"] = FieldRule.Level, ["statusMessage"] = FieldRule.String,
        ["parentObservationId"] = FieldRule.Id, ["version"] = FieldRule.String, ["environment"] = FieldRule.String,
        ["model"] = FieldRule.String, ["modelParameters"] = FieldRule.Object, ["usage"] = FieldRule.Object,
        ["usageDetails"] = FieldRule.Object, ["costDetails"] = FieldRule.CostMap, ["promptName"] = FieldRule.String,
        ["promptVersion"] = FieldRule.Int,
    };

    private static FrozenDictionary<string, FieldRule> Build(Dictionary<string, FieldRule> fields) =>
        fields.ToFrozenDictionary(StringComparer.Ordinal);
}
