namespace Lantern.Grains.Traces;

/// <summary>Turns merged entities into the rows that are stored and served: defaults applied, values typed, cost computed.</summary>
public sealed class RowProjector(IObservationPricer pricer)
{
    public ObservationRow Observation(string projectId, string traceId, Entity entity)
    {
        var start = JsonValues.Time(entity.Get("startTime")) ?? new DateTimeOffset(entity.FirstEventTicks, TimeSpan.Zero);
        var type = entity.ObservationType ?? "SPAN";
        var promptName = JsonValues.String(entity.Get("promptName"));
        var promptVersion = JsonValues.Int(entity.Get("promptVersion"));
        return new ObservationRow(
            projectId,
            entity.Id,
            traceId,
            type,
            JsonValues.String(entity.Get("name")),
            start,
            JsonValues.Time(entity.Get("endTime")),
            JsonValues.Time(entity.Get("completionStartTime")),
            JsonValues.String(entity.Get("parentObservationId")),
            JsonValues.String(entity.Get("level")) ?? "DEFAULT",
            JsonValues.String(entity.Get("statusMessage")),
            JsonValues.String(entity.Get("version")),
            JsonValues.Environment(JsonValues.String(entity.Get("environment"))),
            JsonValues.String(entity.Get("model")),
            NullIfJsonNull(entity.Get("modelParameters")),
            NullIfJsonNull(entity.Get("input")),
            NullIfJsonNull(entity.Get("output")),
            JsonValues.Object(entity.Metadata),
            entity.Cost ??= pricer.Price(projectId, entity),
            promptName is not null && promptVersion is not null ? promptName : null,
            promptName is not null ? promptVersion : null,
            EntityCodec.Serialize(entity));
    }

    public TraceRow Trace(string projectId, Entity trace, IReadOnlyCollection<ObservationRow> observations)
    {
        var timestamp = JsonValues.Time(trace.Get("timestamp")) ?? new DateTimeOffset(trace.FirstEventTicks, TimeSpan.Zero);
        return new TraceRow(
            projectId,
            trace.Id,
            timestamp,
            JsonValues.String(trace.Get("name")),
            JsonValues.String(trace.Get("userId")),
            JsonValues.String(trace.Get("sessionId")),
            JsonValues.String(trace.Get("release")),
            JsonValues.String(trace.Get("version")),
            JsonValues.Environment(JsonValues.String(trace.Get("environment"))),
            JsonValues.Bool(trace.Get("public")) ?? false,
            [.. trace.Tags],
            NullIfJsonNull(trace.Get("input")),
            NullIfJsonNull(trace.Get("output")),
            JsonValues.Object(trace.Metadata),
            observations.Sum(o => o.Cost.TotalCost ?? 0),
            Latency(observations),
            observations.Count,
            EntityCodec.Serialize(trace));
    }

    public static ScoreRow Score(string projectId, Entity score)
    {
        var raw = score.Get("value");
        var numeric = JsonValues.Double(raw);
        var text = numeric is null ? JsonValues.String(raw) : null;
        var dataType = JsonValues.String(score.Get("dataType")) ?? (numeric is null ? "CATEGORICAL" : "NUMERIC");
        var stringValue = dataType switch
        {
            "BOOLEAN" => numeric == 1 ? "True" : "False",
            "NUMERIC" => null,
            // A categorical score checked against its config arrives as the category's number with its label beside it.
            _ => text ?? JsonValues.String(score.Get("stringValue")),
        };
        return new ScoreRow(
            projectId,
            score.Id,
            JsonValues.String(score.Get("traceId")),
            JsonValues.String(score.Get("observationId")),
            JsonValues.String(score.Get("sessionId")),
            JsonValues.String(score.Get("datasetRunId")),
            JsonValues.String(score.Get("name")) ?? "",
            numeric,
            stringValue,
            dataType,
            JsonValues.String(score.Get("source")) ?? "API",
            JsonValues.String(score.Get("comment")),
            JsonValues.Object(score.Metadata),
            JsonValues.String(score.Get("configId")),
            JsonValues.String(score.Get("queueId")),
            JsonValues.Environment(JsonValues.String(score.Get("environment"))),
            JsonValues.Time(score.Get("timestamp")) ?? new DateTimeOffset(score.FirstEventTicks, TimeSpan.Zero),
            EntityCodec.Serialize(score));
    }

    /// <summary>Langfuse's trace latency: latest end (or start) minus earliest start, in seconds; 0 without observations.</summary>
    public static double Latency(IReadOnlyCollection<ObservationRow> observations)
    {
        if (observations.Count == 0)
        {
            return 0;
        }

        var start = observations.Min(o => o.StartTime);
        var end = observations.Max(o => o.EndTime ?? o.StartTime);
        return Math.Round((end - start).TotalSeconds, 3, MidpointRounding.AwayFromZero);
    }

    private static string? NullIfJsonNull(string? raw) => raw is null or "null" ? null : raw;
}
