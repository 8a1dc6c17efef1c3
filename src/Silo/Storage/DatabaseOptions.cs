namespace Lantern.Silo.Storage;

/// <summary>Where PostgreSQL is. Set with <c>LANTERN_DATABASE_URL</c> (a <c>postgres://</c> URL or an Npgsql connection string).</summary>
public sealed class DatabaseOptions
{
    public const string UrlKey = "LANTERN_DATABASE_URL";

    public const string MaxAutoPrepareKey = "LANTERN_DATABASE_MAX_AUTO_PREPARE";

    public string Url { get; set; } = "";

    /// <summary>Most connections the main pool opens; the key lookups keep a small pool of their own (<see cref="KeyLookupDataSource"/>).</summary>
    public int MaxPoolSize { get; set; } = 32;

    /// <summary>
    /// Statements each connection keeps prepared once used a few times (Npgsql's automatic preparation): the group commit's
    /// rollup upsert, the trace loads and the API's reads are then parsed and planned once per connection instead of on
    /// every call. 0 turns it off, for a pooler that cannot carry prepared statements (PgBouncer in transaction mode
    /// before 1.21).
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 64;
}
