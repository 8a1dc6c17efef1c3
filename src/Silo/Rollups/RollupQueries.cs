using Lantern.Contracts.Rollups;
using Lantern.Grains.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Aggregates over the rollups table for lists that span many keys (the grains answer one key each). Windows select whole
/// hour buckets exactly as the grains do: buckets from the hour of <c>from</c> up to, not including, <c>to</c>.
/// <c>scope_version &gt;= 0</c> holds for every row; it is what lets these queries use the partial window index
/// (0015_rollup_hot_updates.sql), which one-key lookups then cannot.
/// </summary>
public sealed class RollupQueries(NpgsqlDataSource dataSource)
{
    private const string UserWindow = """
        FROM rollups WHERE project_id = $1 AND scope = 'user' AND scope_version >= 0
          AND ($2::timestamptz IS NULL OR bucket >= $2) AND ($3::timestamptz IS NULL OR bucket < $3)
        GROUP BY scope_key
        HAVING sum(traces) <> 0 OR sum(generations) <> 0
        """;

    public async Task<(IReadOnlyList<UserListItem> Items, long Total)> ListUsersAsync(UserListQuery query, CancellationToken cancellationToken)
    {
        var order = query.Order switch
        {
            UserOrder.Cost => "sum(cost)",
            UserOrder.Tokens => "sum(total_tokens)",
            UserOrder.Traces => "sum(traces)",
            _ => "max(last_seen)",
        };
        var direction = query.Descending ? "DESC NULLS LAST" : "ASC NULLS FIRST";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(query, $"""
                    SELECT scope_key, sum(cost), sum(input_tokens), sum(output_tokens), sum(total_tokens), sum(traces),
                           sum(observations), sum(errors), min(first_seen), max(last_seen)
                    {UserWindow}
                    ORDER BY {order} {direction}, scope_key
                    LIMIT $4 OFFSET $5
                    """, paged: true),
                Command(query, $"SELECT count(*) FROM (SELECT 1 {UserWindow}) AS users", paged: false),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var items = new List<UserListItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new UserListItem(
                reader.GetString(0), reader.GetDecimal(1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5),
                Long(reader, 6), Long(reader, 7), Time(reader, 8), Time(reader, 9)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (items, reader.GetInt64(0));
    }

    /// <summary>Cost and usage since the hour bucket holding <paramref name="since"/>, highest cost first.</summary>
    public async Task<IReadOnlyList<UsageRow>> UsageAsync(
        string projectId, UsageGrouping grouping, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var (scope, key) = grouping switch
        {
            UsageGrouping.User => ("user", "scope_key"),
            UsageGrouping.Model => ("project", "model"),
            _ => ("project", "project_id"),
        };
        await using var command = dataSource.CreateCommand($"""
            SELECT {key}, sum(cost), sum(input_tokens), sum(output_tokens), sum(total_tokens), sum(generations)
            FROM rollups WHERE project_id = $1 AND scope = '{scope}' AND scope_version >= 0 AND bucket >= $2
            GROUP BY {key}
            HAVING sum(generations) <> 0
            ORDER BY 2 DESC, 1
            LIMIT $3
            """);
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = RollupKey.BucketOf(since).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<UsageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UsageRow(reader.GetString(0), reader.GetDecimal(1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5)));
        }

        return rows;
    }

    private static NpgsqlBatchCommand Command(UserListQuery query, string sql, bool paged)
    {
        var command = new NpgsqlBatchCommand(sql)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = query.ProjectId },
                Timestamp(query.From is { } from ? RollupKey.BucketOf(from) : null),
                Timestamp(query.To),
            },
        };
        if (paged)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
            command.Parameters.Add(new NpgsqlParameter { Value = query.Offset });
        }

        return command;
    }

    internal static NpgsqlParameter Timestamp(DateTimeOffset? value) =>
        new() { Value = value is { } v ? v.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    internal static long Long(NpgsqlDataReader reader, int ordinal) => (long)reader.GetDecimal(ordinal);

    internal static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal).ToUniversalTime());
}
