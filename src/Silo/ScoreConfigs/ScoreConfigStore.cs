using System.Text.Json;
using Lantern.Silo.Changes;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.ScoreConfigs;

/// <summary>
/// Score configs in PostgreSQL, cached for ingestion, which checks every score naming a config: a config created or
/// changed on any node is evicted on every node as the change commits, as with keys.
/// </summary>
public sealed class ScoreConfigStore(NpgsqlDataSource dataSource, TimeProvider time) : IChangeSubscriber
{
    // What the trigger puts between project id and config id (0031_change_notify.sql).
    private const char KeySeparator = (char)31;
    private const string Columns = "id, project_id, name, data_type, is_archived, min_value, max_value, categories::text, description, created_at, updated_at";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly NotifiedCache<(string ProjectId, string Id), ScoreConfig?> _cache = new(time);

    public string Channel => "lantern_score_configs";

    public ValueTask<ScoreConfig?> GetCachedAsync(string projectId, string id, CancellationToken cancellationToken) =>
        _cache.GetAsync((projectId, id), ct => GetAsync(projectId, id, ct), cancellationToken);

    public void Changed(string payload)
    {
        var separator = payload.IndexOf(KeySeparator, StringComparison.Ordinal);
        if (separator > 0)
        {
            _cache.Evict((payload[..separator], payload[(separator + 1)..]));
        }
    }

    public void Clear() => _cache.Clear();

    public async Task<ScoreConfig?> GetAsync(string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {Columns} FROM score_configs WHERE project_id = $1 AND id = $2", projectId, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<(List<ScoreConfig> Page, long Total)> ListAsync(string projectId, int limit, int offset, CancellationToken cancellationToken)
    {
        var page = new List<ScoreConfig>(limit);
        await using (var command = Command(
            $"SELECT {Columns} FROM score_configs WHERE project_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3", projectId, limit, offset))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                page.Add(Read(reader));
            }
        }

        await using var count = Command("SELECT count(*) FROM score_configs WHERE project_id = $1", projectId);
        return (page, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Inserts the config, or replaces it when <paramref name="config"/> has the id of one in this project.</summary>
    public async Task<ScoreConfig> SaveAsync(ScoreConfig config, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"""
            INSERT INTO score_configs (id, project_id, name, data_type, is_archived, min_value, max_value, categories, description)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, is_archived = excluded.is_archived, min_value = excluded.min_value,
                max_value = excluded.max_value, categories = excluded.categories, description = excluded.description, updated_at = now()
            WHERE score_configs.project_id = excluded.project_id
            RETURNING {Columns}
            """,
            config.Id, config.ProjectId, config.Name, config.DataType, config.IsArchived, (object?)config.MinValue ?? DBNull.Value,
            (object?)config.MaxValue ?? DBNull.Value,
            config.Categories is null ? DBNull.Value : new NpgsqlParameter { Value = JsonSerializer.Serialize(config.Categories, Json), NpgsqlDbType = NpgsqlDbType.Jsonb },
            (object?)config.Description ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var saved = Read(reader);
        _cache.Evict((saved.ProjectId, saved.Id));
        return saved;
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static ScoreConfig Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
        reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6),
        reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<List<ScoreConfigCategory>>(reader.GetString(7), Json),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10));
}
