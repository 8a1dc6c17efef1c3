using Npgsql;

namespace Lantern.Silo.Projects;

/// <summary>Data access for projects and API keys.</summary>
public sealed class ProjectStore(NpgsqlDataSource dataSource, SecretHasher hasher)
{
    /// <summary>Creates the project, or renames it when it exists.</summary>
    public async Task UpsertProjectAsync(string id, string name, string orgId, string orgName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO projects (id, name, org_id, org_name) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, org_id = excluded.org_id, org_name = excluded.org_name
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = orgId });
        command.Parameters.Add(new() { Value = orgName });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores a key pair unless its public key exists already. Only the secret's hash is kept.</summary>
    /// <returns>True when the key was added; false when the public key was already stored.</returns>
    public async Task<bool> AddKeyAsync(
        string projectId, string publicKey, string secretKey, string scope, CancellationToken cancellationToken, DateTimeOffset? expiresAt = null)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_keys (id, project_id, public_key, secret_hash, display_secret_key, scope, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (public_key) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid().ToString("N") });
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = publicKey });
        command.Parameters.Add(new() { Value = hasher.Hash(secretKey) });
        command.Parameters.Add(new() { Value = DisplaySecret(secretKey) });
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Whether the project exists.</summary>
    public async Task<bool> ExistsAsync(string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM projects WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Marks a key revoked; false when the project has no such active key.</summary>
    public async Task<bool> RevokeKeyAsync(string projectId, string publicKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE api_keys SET revoked_at = now() WHERE project_id = $1 AND public_key = $2 AND revoked_at IS NULL");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = publicKey });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The project's keys, secrets shown only in their display form.</summary>
    public async Task<IReadOnlyList<ApiKeySummary>> ListKeysAsync(string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT public_key, display_secret_key, note, created_at, revoked_at, scope, expires_at FROM api_keys WHERE project_id = $1 ORDER BY created_at");
        command.Parameters.Add(new() { Value = projectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeySummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeySummary(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return keys;
    }

    /// <summary>A new random key pair in Langfuse's format.</summary>
    public static (string PublicKey, string SecretKey) NewKeyPair() =>
        ($"pk-lf-{Guid.NewGuid()}", $"sk-lf-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))}");

    /// <summary>The secret as shown after creation: its prefix and last four characters.</summary>
    public static string DisplaySecret(string secretKey) =>
        secretKey.Length <= 12 ? "sk-lf-..." : $"{secretKey[..6]}...{secretKey[^4..]}";
}
