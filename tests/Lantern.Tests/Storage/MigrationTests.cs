using Lantern.Silo.Storage;
using Lantern.Tests.Infrastructure;
using Npgsql;

namespace Lantern.Tests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task Two_processes_migrating_at_once_apply_each_migration_exactly_once()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();

        var runs = await Task.WhenAll(MigrateInProcessAsync(connectionString), MigrateInProcessAsync(connectionString));

        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        var applied = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
        }

        Assert.Equal(Migrator.Embedded.Select(m => m.Version), applied);
        Assert.Single(runs, r => r.Output.Contains("Applied", StringComparison.Ordinal));
        Assert.Single(runs, r => r.Output.Contains("up to date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing_and_reports_up_to_date()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var migrator = new Migrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance);

        Assert.Empty(await migrator.MigrateAsync(CancellationToken.None));
        Assert.True(await migrator.IsUpToDateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_migration_waits_past_the_connections_command_timeout_instead_of_failing()
    {
        // A process starting while another migrates waits for its lock as long as the migration takes (a table rewrite
        // takes minutes); here the lock is held three times the connection's command timeout.
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Migrator.AdvisoryLockKey})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString + ";Command Timeout=1");
        var migrating = new Migrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(migrating.IsCompleted, "the migration went on without the lock");
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({Migrator.AdvisoryLockKey})", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        Assert.Equal(Migrator.Embedded.Select(m => m.Version), await migrating);
    }

    private static Task<(int ExitCode, string Output)> MigrateInProcessAsync(string connectionString) =>
        LanternProcess.RunAsync(["migrate"], new Dictionary<string, string> { [DatabaseOptions.UrlKey] = connectionString });
}
