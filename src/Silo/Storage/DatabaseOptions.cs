namespace Lantern.Silo.Storage;

/// <summary>Where PostgreSQL is. Set with <c>LANTERN_DATABASE_URL</c> (a <c>postgres://</c> URL or an Npgsql connection string).</summary>
public sealed class DatabaseOptions
{
    public const string UrlKey = "LANTERN_DATABASE_URL";

    public string Url { get; set; } = "";

    /// <summary>Most connections the pool opens.</summary>
    public int MaxPoolSize { get; set; } = 32;
}
