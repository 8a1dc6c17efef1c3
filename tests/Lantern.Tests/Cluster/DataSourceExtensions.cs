using Npgsql;

namespace Lantern.Tests.Cluster;

/// <summary>Reads one value straight from the database a test's silos share.</summary>
public static class DataSourceExtensions
{
    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
