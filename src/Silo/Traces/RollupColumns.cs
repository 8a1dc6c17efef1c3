using Lantern.Grains.Rollups;
using Lantern.Silo.Storage;

namespace Lantern.Silo.Traces;

/// <summary>Bulk-upsert columns of the rollups table: every measure adds to the stored row, and the row's version moves on.</summary>
internal static class RollupColumns
{
    public const string ConflictKey = "project_id, scope, scope_key, scope_version, bucket, model";
    public const string Returning = "project_id, scope, scope_key, scope_version, bucket, model, version";

    public static BulkColumn[] Build(IReadOnlyList<KeyValuePair<RollupKey, RollupValues>> rows) =>
    [
        new("project_id", "text[]", rows.Select(r => r.Key.ProjectId).ToArray()),
        new("scope", "text[]", rows.Select(r => ScopeName(r.Key.Scope)).ToArray()),
        new("scope_key", "text[]", rows.Select(r => r.Key.Key).ToArray()),
        new("scope_version", "integer[]", rows.Select(r => r.Key.Version).ToArray()),
        new("bucket", "timestamptz[]", rows.Select(r => r.Key.Bucket.UtcDateTime).ToArray()),
        new("model", "text[]", rows.Select(r => r.Key.Model).ToArray()),
        Sum("traces", "bigint[]", rows.Select(r => r.Value.Traces).ToArray()),
        Sum("observations", "bigint[]", rows.Select(r => r.Value.Observations).ToArray()),
        Sum("generations", "bigint[]", rows.Select(r => r.Value.Generations).ToArray()),
        Sum("errors", "bigint[]", rows.Select(r => r.Value.Errors).ToArray()),
        Sum("cost", "numeric[]", rows.Select(r => r.Value.Cost).ToArray()),
        Sum("input_tokens", "bigint[]", rows.Select(r => r.Value.InputTokens).ToArray()),
        Sum("output_tokens", "bigint[]", rows.Select(r => r.Value.OutputTokens).ToArray()),
        Sum("total_tokens", "bigint[]", rows.Select(r => r.Value.TotalTokens).ToArray()),
        Histogram("latency", rows.Select(r => r.Value.Latency)),
        Histogram("ttft", rows.Select(r => r.Value.TimeToFirstToken)),
        new("scores", "text[]", rows.Select(r => Scores(r.Value)).ToArray(), "jsonb",
            $"CASE WHEN excluded.scores = '{EmptyObject}'::jsonb THEN t.scores ELSE lantern_scores_add(t.scores, excluded.scores) END"),
        new("first_seen", "timestamptz[]", rows.Select(r => r.Value.FirstSeen?.UtcDateTime).ToArray(), OnConflict: "least(t.first_seen, excluded.first_seen)"),
        new("last_seen", "timestamptz[]", rows.Select(r => r.Value.LastSeen?.UtcDateTime).ToArray(), OnConflict: "greatest(t.last_seen, excluded.last_seen)"),
        new("version", "bigint[]", rows.Select(_ => 1L).ToArray(), OnConflict: "t.version + 1"),
    ];

    public static string ScopeName(RollupScope scope) => scope switch
    {
        RollupScope.Project => "project",
        RollupScope.User => "user",
        RollupScope.Session => "session",
        _ => "prompt",
    };

    public static RollupScope ParseScope(string name) => name switch
    {
        "project" => RollupScope.Project,
        "user" => RollupScope.User,
        "session" => RollupScope.Session,
        _ => RollupScope.Prompt,
    };

    private static BulkColumn Sum(string name, string type, Array values) => new(name, type, values, OnConflict: $"t.{name} + excluded.{name}");

    // Most rows change no histogram and no score (only prompt rows keep latencies; scores arrive after their traces), so
    // an empty delta is sent as an empty value and leaves the stored one alone instead of going through the SQL merge
    // functions, which cost PostgreSQL more than the rest of the row's upsert.
    private const string EmptyArray = "{}";
    private const string EmptyObject = "{}";

    private static BulkColumn Histogram(string name, IEnumerable<IReadOnlyList<long>> histograms) => new(
        name, "text[]", histograms.Select(h => h.All(c => c == 0) ? EmptyArray : "{" + string.Join(",", h) + "}").ToArray(), "bigint[]",
        $"CASE WHEN cardinality(excluded.{name}) = 0 THEN t.{name} ELSE lantern_array_add(t.{name}, excluded.{name}) END");

    private static string Scores(RollupValues values) => values.ScoresHeld.Count == 0
        ? EmptyObject
        : Json.Serialize(values.ScoresHeld.ToDictionary(s => s.Key, s => new { sum = s.Value.Sum, count = s.Value.Count }));
}
