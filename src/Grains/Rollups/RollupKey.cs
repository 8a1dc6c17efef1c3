namespace Lantern.Grains.Rollups;

/// <summary>
/// One rollup row: a scope key (user id, session id, prompt name; empty for the project), the prompt version (for a project's
/// rows the stripe, the index of the commit loop that writes it, which readers sum over; 0 otherwise),
/// the hour bucket of the trace, and the model (empty for trace-level counters such as traces, errors and scores).
/// </summary>
public readonly record struct RollupKey(string ProjectId, RollupScope Scope, string Key, int Version, DateTimeOffset Bucket, string Model)
    : IComparable<RollupKey>
{
    /// <summary>The grain key of the rollup grain that owns this row (a prompt grain holds every version of its prompt).</summary>
    public string GrainKey => $"{ProjectId}/{Key}";

    public static DateTimeOffset BucketOf(DateTimeOffset time) =>
        new(time.UtcDateTime.Year, time.UtcDateTime.Month, time.UtcDateTime.Day, time.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    /// <summary>A total order (ordinal on the strings), the order in which group commits lock rollup rows.</summary>
    public int CompareTo(RollupKey other)
    {
        var order = string.CompareOrdinal(ProjectId, other.ProjectId);
        order = order != 0 ? order : ((int)Scope).CompareTo((int)other.Scope); // an enum's own CompareTo boxes
        order = order != 0 ? order : string.CompareOrdinal(Key, other.Key);
        order = order != 0 ? order : Version.CompareTo(other.Version);
        order = order != 0 ? order : Bucket.CompareTo(other.Bucket);
        return order != 0 ? order : string.CompareOrdinal(Model, other.Model);
    }
}
