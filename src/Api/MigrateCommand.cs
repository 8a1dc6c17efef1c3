using Lantern.Silo.Storage;
using Npgsql;

namespace Lantern.Api;

/// <summary><c>Lantern.Api migrate</c>: applies the database migrations and exits (for deploy jobs and init containers).</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var url = configuration[DatabaseOptions.UrlKey];
        if (string.IsNullOrEmpty(url))
        {
            await Console.Error.WriteLineAsync($"{DatabaseOptions.UrlKey} is not set: point it at PostgreSQL (postgres://user:pass@host:port/db).");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Parse(url).ConnectionString);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole());
        var applied = await new Migrator(dataSource, loggerFactory.CreateLogger<Migrator>()).MigrateAsync(CancellationToken.None);
        Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }
}
