using Npgsql;

namespace Lantern.Silo.Storage;

/// <summary>
/// Connections for the key lookups whose plan must follow the tables' size: a trace's activation read, the trace of an
/// observation sent without one, and a score without a trace. Npgsql prepares a statement repeated on a connection, and
/// after five runs PostgreSQL may switch it to a generic plan that it keeps until the tables' statistics change. Made
/// while a young database's tables held a few rows, that plan hash-joins whole tables, or reads a project's whole index,
/// instead of probing the primary key once per key, and it lasts until autovacuum next analyzes them, a minute or more
/// under load. These connections plan every run with its parameters (<c>plan_cache_mode=force_custom_plan</c>), about
/// 0.1 ms per statement.
/// </summary>
public sealed class KeyLookupDataSource(NpgsqlDataSource source) : IAsyncDisposable
{
    /// <summary>The loader holds one connection at a time; the other lookups of concurrent requests take the rest.</summary>
    public const int MaxPoolSize = 8;

    private const string CustomPlans = "-c plan_cache_mode=force_custom_plan";

    public NpgsqlDataSource Source => source;

    /// <summary>The node's connection settings, with every statement planned for its parameters and a small pool.</summary>
    public static KeyLookupDataSource Build(NpgsqlConnectionStringBuilder node)
    {
        var builder = new NpgsqlConnectionStringBuilder(node.ConnectionString)
        {
            MaxPoolSize = Math.Min(node.MaxPoolSize, MaxPoolSize),
            Options = string.IsNullOrWhiteSpace(node.Options) ? CustomPlans : $"{node.Options} {CustomPlans}",
        };
        return new KeyLookupDataSource(new NpgsqlDataSourceBuilder(builder.ConnectionString).Build());
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
