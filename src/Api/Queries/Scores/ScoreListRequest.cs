using Lantern.Api.Queries.Traces;

namespace Lantern.Api.Queries.Scores;

/// <summary>The filters of <c>GET /api/public/v2/scores</c> (reference §5.4).</summary>
public static class ScoreListRequest
{
    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["<"] = "<", ["<="] = "<=", [">"] = ">", [">="] = ">=", ["="] = "=", ["!="] = "<>",
    };

    public static (PageRequest Page, SqlWhere Where)? Parse(string projectId, IQueryCollection query, bool traceScoresOnly, out string? error)
    {
        var page = PageRequest.Parse(query, out error);
        if (page is null || !QueryTime.TryParse(query, "fromTimestamp", out var from, out error) ||
            !QueryTime.TryParse(query, "toTimestamp", out var to, out error))
        {
            return null;
        }

        var where = new SqlWhere("s.project_id", projectId)
            .AddIf("s.name = {0}", query["name"].ToString())
            .AddIf("s.source = {0}", query["source"].ToString())
            .AddIf("s.config_id = {0}", query["configId"].ToString())
            .AddIf("s.queue_id = {0}", query["queueId"].ToString())
            .AddIf("s.data_type = {0}", query["dataType"].ToString())
            .AddIf("s.session_id = {0}", query["sessionId"].ToString())
            .AddIf("s.dataset_run_id = {0}", query["datasetRunId"].ToString())
            .AddIf("s.trace_id = {0}", query["traceId"].ToString())
            .AddIf("s.timestamp >= {0}", from?.UtcDateTime)
            .AddIf("s.timestamp < {0}", to?.UtcDateTime)
            .AddIf("EXISTS (SELECT 1 FROM traces t WHERE t.project_id = s.project_id AND t.id = s.trace_id AND t.user_id = {0})", query["userId"].ToString());
        if (traceScoresOnly)
        {
            where.Require("s.trace_id IS NOT NULL");
        }

        foreach (var (name, column) in new[] { ("scoreIds", "s.id"), ("observationId", "s.observation_id"), ("environment", "s.environment") })
        {
            if (TraceListRequest.Values(query, name) is { Length: > 0 } values)
            {
                where.Add($"{column} = ANY({{0}})", values);
            }
        }

        if (TraceListRequest.Values(query, "traceTags") is { Length: > 0 } tags)
        {
            where.Add("EXISTS (SELECT 1 FROM traces t WHERE t.project_id = s.project_id AND t.id = s.trace_id AND t.tags @> {0})", tags);
        }

        var op = query["operator"].ToString();
        var value = query["value"].ToString();
        if (op.Length > 0 || value.Length > 0)
        {
            if (!Operators.TryGetValue(op, out var sqlOperator) ||
                !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                error = $"operator and value: expected one of {string.Join(" ", Operators.Keys)} with a number";
                return null;
            }

            where.Add($"s.value {sqlOperator} {{0}}", number);
        }

        return (page.Value, where);
    }
}
