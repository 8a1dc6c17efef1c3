namespace Lantern.Grains.Rollups;

/// <summary>
/// One rollup row: a scope key (user id, session id, prompt name; empty for the project), the prompt version (0 otherwise),
/// the hour bucket of the trace, and the model (empty for trace-level counters such as traces, errors and scores).
/// </summary>
public readonly record struct RollupKey(string ProjectId, RollupScope Scope, string Key, int Version, DateTimeOffset Bucket, string Model)
{
    /// <summary>The grain key of the rollup grain that owns this row (a prompt grain holds every version of its prompt).</summary>
    public string GrainKey => $"{ProjectId}/{Key}";

    public static DateTimeOffset BucketOf(DateTimeOffset time) =>
        new(time.UtcDateTime.Year, time.UtcDateTime.Month, time.UtcDateTime.Day, time.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
}
