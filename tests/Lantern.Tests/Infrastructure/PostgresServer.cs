using Lantern.Silo.Storage;
using Npgsql;

namespace Lantern.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL that test.sh starts (LANTERN_TEST_DATABASE_URL). Each test that writes gets a database of its
/// own, so tests never share mutable state.
/// </summary>
public static class PostgresServer
{
    public const string UrlVariable = "LANTERN_TEST_DATABASE_URL";

    private static readonly Lazy<NpgsqlDataSource> Admin = new(() => NpgsqlDataSource.Create(ServerUrl().ConnectionString));

    public static NpgsqlConnectionStringBuilder ServerUrl()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(url) && Environment.GetEnvironmentVariable("CI") is null,
            $"{UrlVariable} is not set: run the suite with ./test.sh, which starts PostgreSQL.");
        Assert.False(string.IsNullOrEmpty(url), $"{UrlVariable} is not set: ./test.sh sets it.");
        return ConnectionStrings.Parse(url!);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var command = Admin.Value.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerUrl().ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a database with every migration applied.</summary>
    public static async Task<NpgsqlDataSource> CreateMigratedAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await CreateDatabaseAsync());
        await new Migrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return dataSource;
    }
}
