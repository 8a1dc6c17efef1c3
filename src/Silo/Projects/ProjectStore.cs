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
    public async Task<bool> AddKeyAsync(string projectId, string publicKey, string secretKey, string scope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_keys (id, project_id, public_key, secret_hash, display_secret_key, scope)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (public_key) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid().ToString("N") });
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = publicKey });
        command.Parameters.Add(new() { Value = hasher.Hash(secretKey) });
        command.Parameters.Add(new() { Value = DisplaySecret(secretKey) });
        command.Parameters.Add(new() { Value = scope });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The secret as shown after creation: its prefix and last four characters.</summary>
    public static string DisplaySecret(string secretKey) =>
        secretKey.Length <= 12 ? "sk-lf-..." : $"{secretKey[..6]}...{secretKey[^4..]}";
}
