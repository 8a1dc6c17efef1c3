using Lantern.Silo.Guard;
using Npgsql;

namespace Lantern.Silo.Encryption;

/// <summary>
/// Re-encrypts every stored payload (and guard vault entry) under the current key, in batches of one short transaction each,
/// so a serving node is never blocked for long. Rows are walked by primary key (keyset pagination) and locked with
/// <c>FOR UPDATE SKIP LOCKED</c>: rotation never waits on a group commit (no deadlock), and a row a commit holds is being
/// rewritten under the current key by that commit anyway; what is still under another key afterwards is counted.
/// </summary>
public sealed class KeyRotation(NpgsqlDataSource dataSource, PayloadCipher cipher, VaultCipher vault, int batchSize = 500)
{
    public async Task<IReadOnlyList<RotationReport>> RunAsync(bool encryptPlaintext, CancellationToken cancellationToken)
    {
        var current = cipher.CurrentKeyId ?? throw new InvalidOperationException($"Rotation needs {EncryptionOptions.KeySetting} (the new key).");
        var reports = new List<RotationReport>();
        foreach (var table in PayloadTable.All)
        {
            reports.Add(await RotateAsync(table, current, encryptPlaintext, cancellationToken));
        }

        reports.Add(await RotateVaultAsync(cancellationToken));
        return reports;
    }

    private async Task<RotationReport> RotateAsync(PayloadTable table, string current, bool encryptPlaintext, CancellationToken cancellationToken)
    {
        long rows = 0, reencrypted = 0, encrypted = 0, plaintextLeft = 0;
        var columns = string.Join(", ", table.Columns.Select(c => c + "::text"));
        var select = $"SELECT project_id, id, {columns} FROM {table.Name} WHERE (project_id, id) > ($1, $2) ORDER BY project_id, id LIMIT $3 FOR UPDATE SKIP LOCKED";
        // ::json suits both column types: json takes the text as it is, jsonb converts it on assignment.
        var update = $"UPDATE {table.Name} t SET {string.Join(", ", table.Columns.Select(c => $"{c} = u.{c}::json"))} " +
                     $"FROM unnest($1::text[], $2::text[], {string.Join(", ", table.Columns.Select((_, i) => $"${i + 3}::text[]"))}) " +
                     $"AS u(project_id, id, {string.Join(", ", table.Columns)}) WHERE t.project_id = u.project_id AND t.id = u.id";
        var (lastProject, lastId) = ("", "");
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = new List<string?[]>(batchSize);
            await using (var command = new NpgsqlCommand(select, connection, transaction))
            {
                command.Parameters.Add(new() { Value = lastProject });
                command.Parameters.Add(new() { Value = lastId });
                command.Parameters.Add(new() { Value = batchSize });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    batch.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))]);
                }
            }

            if (batch.Count == 0)
            {
                break;
            }

            rows += batch.Count;
            (lastProject, lastId) = (batch[^1][0]!, batch[^1][1]!);
            var changed = new List<string?[]>();
            foreach (var row in batch)
            {
                var rowChanged = false;
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var stored = row[c + 2];
                    var keyId = PayloadCipher.KeyIdOf(stored);
                    if (stored is null || keyId == current || (keyId is null && !encryptPlaintext))
                    {
                        plaintextLeft += stored is not null && keyId is null ? 1 : 0;
                        continue;
                    }

                    var field = new PayloadField(table.Name, row[0]!, row[1]!, table.Columns[c]);
                    row[c + 2] = cipher.Encrypt(cipher.Decrypt(stored, field), field);
                    if (keyId is null)
                    {
                        encrypted++;
                    }
                    else
                    {
                        reencrypted++;
                    }

                    rowChanged = true;
                }

                if (rowChanged)
                {
                    changed.Add(row);
                }
            }

            if (changed.Count > 0)
            {
                await using var command = new NpgsqlCommand(update, connection, transaction);
                for (var i = 0; i < table.Columns.Count + 2; i++)
                {
                    command.Parameters.Add(new() { Value = changed.Select(r => r[i]).ToArray() });
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new RotationReport(table.Name, rows, reencrypted, encrypted, plaintextLeft, await CountOtherKeyAsync(table, current, cancellationToken));
    }

    private async Task<long> CountOtherKeyAsync(PayloadTable table, string current, CancellationToken cancellationToken)
    {
        var otherKey = string.Join(" + ", table.Columns.Select(c =>
            $"count(*) FILTER (WHERE {c} ->> '{PayloadCipher.EnvelopeProperty}' NOT LIKE $1)"));
        await using var command = dataSource.CreateCommand($"SELECT {otherKey} FROM {table.Name}");
        command.Parameters.Add(new() { Value = $"v1.{current}.%" });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<RotationReport> RotateVaultAsync(CancellationToken cancellationToken)
    {
        long rows = 0, reencrypted = 0, unreadable = 0;
        var lastId = Guid.Empty;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = new List<(Guid Id, string ProjectId, string KeyId, byte[] Sealed)>(batchSize);
            await using (var command = new NpgsqlCommand(
                "SELECT id, project_id, key_id, sealed FROM guard_vault WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED", connection, transaction))
            {
                command.Parameters.Add(new() { Value = lastId });
                command.Parameters.Add(new() { Value = batchSize });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    batch.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3]));
                }
            }

            if (batch.Count == 0)
            {
                break;
            }

            rows += batch.Count;
            lastId = batch[^1].Id;
            foreach (var entry in batch.Where(e => e.KeyId != vault.KeyId))
            {
                // An entry whose key is gone cannot be opened by anyone; it expires with its TTL.
                if (vault.Open(entry.KeyId, entry.Sealed, entry.Id, entry.ProjectId) is not { } plaintext)
                {
                    unreadable++;
                    continue;
                }

                await using var command = new NpgsqlCommand("UPDATE guard_vault SET key_id = $2, sealed = $3 WHERE id = $1", connection, transaction);
                command.Parameters.Add(new() { Value = entry.Id });
                command.Parameters.Add(new() { Value = vault.KeyId });
                command.Parameters.Add(new() { Value = vault.Seal(plaintext, entry.Id, entry.ProjectId) });
                await command.ExecuteNonQueryAsync(cancellationToken);
                reencrypted++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new RotationReport("guard_vault", rows, reencrypted, 0, 0, unreadable);
    }
}
