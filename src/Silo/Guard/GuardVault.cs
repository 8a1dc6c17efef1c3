using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Guard;

/// <summary>
/// Keeps the placeholder → value maps of anonymized texts until the model's answer comes back for deanonymization. Entries
/// are sealed with <see cref="VaultCipher"/>, belong to one project and expire; each write also removes a bounded number
/// of expired entries, so the table stays the size of the traffic of one TTL.
/// </summary>
public sealed partial class GuardVault(
    NpgsqlDataSource dataSource, VaultCipher cipher, IOptions<GuardOptions> options, TimeProvider time, ILogger<GuardVault> logger)
{
    private const int ExpiredRemovedPerWrite = 100;

    public async Task<Guid> StoreAsync(string projectId, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var sealedBytes = cipher.Seal(JsonSerializer.SerializeToUtf8Bytes(values), id, projectId);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("INSERT INTO guard_vault (id, project_id, key_id, sealed, expires_at) VALUES ($1, $2, $3, $4, $5)",
            id, projectId, cipher.KeyId, sealedBytes, time.GetUtcNow() + options.Value.VaultTtl));
        batch.BatchCommands.Add(Command(
            "DELETE FROM guard_vault WHERE id IN (SELECT id FROM guard_vault WHERE expires_at < $1 LIMIT $2)", time.GetUtcNow(), ExpiredRemovedPerWrite));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>The project's unexpired map under <paramref name="id"/>, or null.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> ReadAsync(string projectId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT key_id, sealed FROM guard_vault WHERE id = $1 AND project_id = $2 AND expires_at > $3");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        try
        {
            if (cipher.Open(reader.GetString(0), (byte[])reader[1], id, projectId) is not { } plaintext)
            {
                LogOtherKey(logger, id, reader.GetString(0));
                return null;
            }

            return JsonSerializer.Deserialize<Dictionary<string, string>>(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            LogTampered(logger, id);
            return null;
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }

    [LoggerMessage(LogLevel.Warning, "Vault entry {Id} was sealed with key {KeyId}, which is not configured; it cannot be opened")]
    private static partial void LogOtherKey(ILogger logger, Guid id, string keyId);

    [LoggerMessage(LogLevel.Error, "Vault entry {Id} failed authentication: its bytes were changed or moved")]
    private static partial void LogTampered(ILogger logger, Guid id);
}
