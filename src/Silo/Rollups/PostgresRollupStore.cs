using Lantern.Grains.Rollups;
using Lantern.Silo.Traces;
using Npgsql;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Reads the rollup rows of one key: a primary-key prefix scan, the only index this query can use
/// (see 0015_rollup_hot_updates.sql).
/// </summary>
public sealed class PostgresRollupStore(NpgsqlDataSource dataSource) : IRollupStore
{
    public async Task<IReadOnlyList<RollupChange>> LoadAsync(string projectId, RollupScope scope, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT scope_version, bucket, model, traces, observations, generations, errors, cost, input_tokens, output_tokens,
                   total_tokens, latency, ttft, scores, first_seen, last_seen, version
            FROM rollups WHERE project_id = $1 AND scope = $2 AND scope_key = $3
            """);
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = RollupColumns.ScopeName(scope) });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<RollupChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowKey = new RollupKey(projectId, scope, key, reader.GetInt32(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1).ToUniversalTime()), reader.GetString(2));
            rows.Add(new RollupChange(rowKey, ReadValues(reader), reader.GetInt64(16)));
        }

        return rows;
    }

    private static RollupValues ReadValues(NpgsqlDataReader reader)
    {
        var values = new RollupValues
        {
            Traces = reader.GetInt64(3),
            Observations = reader.GetInt64(4),
            Generations = reader.GetInt64(5),
            Errors = reader.GetInt64(6),
            Cost = reader.GetDecimal(7),
            InputTokens = reader.GetInt64(8),
            OutputTokens = reader.GetInt64(9),
            TotalTokens = reader.GetInt64(10),
            FirstSeen = reader.IsDBNull(14) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(14).ToUniversalTime()),
            LastSeen = reader.IsDBNull(15) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(15).ToUniversalTime()),
        };
        values.AddHistograms(reader.GetFieldValue<long[]>(11), reader.GetFieldValue<long[]>(12));
        using var scores = System.Text.Json.JsonDocument.Parse(reader.GetString(13));
        foreach (var score in scores.RootElement.EnumerateObject())
        {
            values.Scores[score.Name] = new ScoreSum(score.Value.GetProperty("sum").GetDouble(), score.Value.GetProperty("count").GetInt64());
        }

        return values;
    }
}
