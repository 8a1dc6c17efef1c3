using System.Collections.Frozen;

namespace Lantern.Api.Queries.Traces;

/// <summary>The filters, ordering and field groups of <c>GET /api/public/traces</c> (reference §5.1).</summary>
public sealed record TraceListRequest(PageRequest Page, SqlWhere Where, string OrderBy, TraceFields Fields)
{
    private static readonly FrozenDictionary<string, string> OrderColumns = new Dictionary<string, string>
    {
        ["id"] = "t.id", ["timestamp"] = "t.timestamp", ["name"] = "t.name", ["userId"] = "t.user_id", ["release"] = "t.release",
        ["version"] = "t.version", ["public"] = "t.public", ["bookmarked"] = "t.bookmarked", ["sessionId"] = "t.session_id",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static TraceListRequest? Parse(string projectId, IQueryCollection query, out string? error)
    {
        var page = PageRequest.Parse(query, out error);
        if (page is null || !QueryTime.TryParse(query, "fromTimestamp", out var from, out error) ||
            !QueryTime.TryParse(query, "toTimestamp", out var to, out error))
        {
            return null;
        }

        var orderBy = ParseOrder(query["orderBy"].ToString(), out error);
        var fields = TraceFields.Parse(query["fields"].ToString(), out var fieldsError);
        error ??= fieldsError;
        if (orderBy is null || fields is null)
        {
            return null;
        }

        var where = new SqlWhere("t.project_id", projectId)
            .AddIf("t.user_id = {0}", query["userId"].ToString())
            .AddIf("t.name = {0}", query["name"].ToString())
            .AddIf("t.session_id = {0}", query["sessionId"].ToString())
            .AddIf("t.version = {0}", query["version"].ToString())
            .AddIf("t.release = {0}", query["release"].ToString())
            .AddIf("t.timestamp >= {0}", from?.UtcDateTime)
            .AddIf("t.timestamp < {0}", to?.UtcDateTime);
        if (Values(query, "tags") is { Length: > 0 } tags)
        {
            where.Add("t.tags @> {0}", tags);
        }

        if (Values(query, "environment") is { Length: > 0 } environments)
        {
            where.Add("t.environment = ANY({0})", environments);
        }

        return new TraceListRequest(page.Value, where, orderBy, fields);
    }

    /// <summary>Repeatable parameters, also accepting comma lists.</summary>
    public static string[] Values(IQueryCollection query, string name) =>
        [.. query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static string? ParseOrder(string raw, out string? error)
    {
        error = null;
        if (raw.Length == 0)
        {
            return "t.timestamp DESC";
        }

        var parts = raw.Split('.');
        if (parts.Length == 2 && OrderColumns.TryGetValue(parts[0], out var column) && parts[1] is "asc" or "desc")
        {
            return $"{column} {parts[1].ToUpperInvariant()}";
        }

        error = $"orderBy: expected <field>.<asc|desc> with field one of {string.Join(", ", OrderColumns.Keys)}";
        return null;
    }
}
