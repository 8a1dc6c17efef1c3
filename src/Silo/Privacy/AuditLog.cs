using System.Text.Json;
using Lantern.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Privacy;

/// <summary>
/// The append-only audit table: entries are only ever inserted (a trigger refuses updates and deletes) and read newest
/// first. Details never carry secrets or payloads, only ids and counts.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Appends an entry and returns it as stored.</summary>
    public async Task<AuditEntry> AppendAsync(string? projectId, string actor, string action, string? target, object? details, CancellationToken cancellationToken)
    {
        var id = $"aud_{Guid.NewGuid():N}";
        var at = time.GetUtcNow();
        var json = Json.Serialize(details ?? new { });
        await using var command = dataSource.CreateCommand(
            "INSERT INTO audit_log (id, at, project_id, actor, action, target, details) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = at });
        command.Parameters.Add(new() { Value = (object?)projectId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = actor });
        command.Parameters.Add(new() { Value = action });
        command.Parameters.Add(new() { Value = (object?)target ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
        using var document = JsonDocument.Parse(json);
        return new AuditEntry(id, at, projectId, actor, action, target, document.RootElement.Clone());
    }

    /// <summary>One page of entries, newest first, optionally of one project and one action; with the total count.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long Total)> ListAsync(
        string? projectId, string? action, int offset, int limit, CancellationToken cancellationToken)
    {
        const string Filter = "($1::text IS NULL OR project_id = $1) AND ($2::text IS NULL OR action = $2)";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM audit_log WHERE {Filter}", projectId, action));
        var page = Command(
            $"SELECT id, at, project_id, actor, action, target, details::text FROM audit_log WHERE {Filter} ORDER BY seq DESC OFFSET $3 LIMIT $4",
            projectId, action);
        page.Parameters.Add(new() { Value = offset });
        page.Parameters.Add(new() { Value = limit });
        batch.BatchCommands.Add(page);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var details = JsonDocument.Parse(reader.GetString(6));
            entries.Add(new AuditEntry(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), details.RootElement.Clone()));
        }

        return (entries, total);
    }

    private static NpgsqlBatchCommand Command(string sql, string? projectId, string? action) => new(sql)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = (object?)projectId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)action ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        },
    };
}
