using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lantern.Silo.Storage;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> files in order, each once, in its own transaction,
/// recorded in <c>schema_migrations</c>. An advisory lock makes concurrent starts of several processes safe.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource dataSource, ILogger<Migrator> logger)
{
    // Any fixed number: every Lantern process takes the same lock while migrating.
    internal const long AdvisoryLockKey = 0x4C414E5445524E;
    private const string ResourcePrefix = "Migrations.";

    public static IReadOnlyList<(string Version, string Sql)> Embedded { get; } = LoadEmbedded();

    /// <summary>Applies what is missing and returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, "SELECT pg_advisory_lock($1)", cancellationToken, AdvisoryLockKey);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var done = new List<string>();
            foreach (var (version, sql) in Embedded.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, sql, cancellationToken);
                await Execute(connection, transaction, "INSERT INTO schema_migrations (version) VALUES ($1)", cancellationToken, version);
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, version);
                done.Add(version);
            }

            return done;
        }
        finally
        {
            await Execute(connection, null, "SELECT pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    /// <summary>Whether every embedded migration is recorded as applied.</summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        var applied = await AppliedAsync(connection, cancellationToken);
        return Embedded.All(m => applied.Contains(m.Version));
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        // No command timeout (Npgsql's default is 30 s): a migration that rewrites a large table takes minutes, and a process
        // starting meanwhile waits that long for the lock. Cut off, the migration would roll back and be retried from
        // the start at every attempt, never finishing.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(string, string)> LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[ResourcePrefix.Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version}")]
    private static partial void LogApplied(ILogger logger, string version);
}
