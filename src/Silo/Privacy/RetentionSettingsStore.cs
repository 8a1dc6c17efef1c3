using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Privacy;

/// <summary>Per-project retention in <c>projects.settings.retentionDays</c>; absent means the default.</summary>
public sealed class RetentionSettingsStore(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options)
{
    public const string SettingKey = "retentionDays";

    public int? DefaultDays => options.Value.DefaultDays;

    /// <summary>The project's own setting (null: none); <c>Exists</c> is false when there is no such project.</summary>
    public async Task<(bool Exists, int? Days)> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT (settings->>$2)::int FROM projects WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = SettingKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (true, reader.IsDBNull(0) ? null : reader.GetInt32(0)) : (false, null);
    }

    /// <summary>Sets (or with null removes) the project's retention; false when there is no such project.</summary>
    public async Task<bool> SetAsync(string projectId, int? days, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(days is null
            ? "UPDATE projects SET settings = settings - $2 WHERE id = $1"
            : "UPDATE projects SET settings = settings || jsonb_build_object($2::text, $3::int) WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = SettingKey });
        if (days is not null)
        {
            command.Parameters.Add(new() { Value = days.Value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Every project whose data expires, with its effective retention in days.</summary>
    public async Task<IReadOnlyList<(string ProjectId, int Days)>> ListEffectiveAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, coalesce((settings->>$1)::int, $2) FROM projects WHERE coalesce((settings->>$1)::int, $2) IS NOT NULL ORDER BY id");
        command.Parameters.Add(new() { Value = SettingKey });
        command.Parameters.Add(new() { Value = (object?)DefaultDays ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var projects = new List<(string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            projects.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return projects;
    }
}
