using Lantern.Api.Queries.Traces;

namespace Lantern.Api.Queries.Observations;

/// <summary>The observation list filters of both API versions (reference §5.2), as a parameterised WHERE clause on <c>observations o</c>.</summary>
public static class ObservationFilter
{
    private static readonly string[] Types = ["SPAN", "GENERATION", "EVENT", "AGENT", "TOOL", "CHAIN", "RETRIEVER", "EVALUATOR", "EMBEDDING", "GUARDRAIL"];
    private static readonly string[] Levels = ["DEBUG", "DEFAULT", "WARNING", "ERROR"];

    /// <summary>The clause, or null with the reason when a parameter is malformed.</summary>
    public static SqlWhere? Parse(IQueryCollection query, string projectId, out string? error)
    {
        if (!QueryTime.TryParse(query, "fromStartTime", out var from, out error) || !QueryTime.TryParse(query, "toStartTime", out var to, out error))
        {
            return null;
        }

        var type = query["type"].ToString();
        var level = query["level"].ToString();
        var root = query["isRootObservation"].ToString();
        error = type.Length > 0 && !Types.Contains(type, StringComparer.Ordinal) ? $"type: expected one of {string.Join(", ", Types)}"
            : level.Length > 0 && !Levels.Contains(level, StringComparer.Ordinal) ? $"level: expected one of {string.Join(", ", Levels)}"
            : root is not ("" or "true" or "false") ? "isRootObservation: expected true or false"
            : null;
        if (error is not null)
        {
            return null;
        }

        var where = new SqlWhere("o.project_id", projectId)
            .AddIf("o.name = {0}", query["name"].ToString())
            .AddIf("o.type = {0}", type)
            .AddIf("o.trace_id = {0}", query["traceId"].ToString())
            .AddIf("o.level = {0}", level)
            .AddIf("o.parent_observation_id = {0}", query["parentObservationId"].ToString())
            .AddIf("o.version = {0}", query["version"].ToString())
            .AddIf("o.start_time >= {0}", from?.UtcDateTime)
            .AddIf("o.start_time < {0}", to?.UtcDateTime)
            .AddIf(OfTrace("t.user_id = {0}"), query["userId"].ToString())
            .AddIf(OfTrace("t.session_id = {0}"), query["sessionId"].ToString());
        if (root.Length > 0)
        {
            where.Require(root == "true" ? "o.parent_observation_id IS NULL" : "o.parent_observation_id IS NOT NULL");
        }

        if (TraceListRequest.Values(query, "environment") is { Length: > 0 } environments)
        {
            where.Add("o.environment = ANY({0})", environments);
        }

        return where;
    }

    private static string OfTrace(string condition) =>
        $"EXISTS (SELECT 1 FROM traces t WHERE t.project_id = o.project_id AND t.id = o.trace_id AND {condition})";
}
