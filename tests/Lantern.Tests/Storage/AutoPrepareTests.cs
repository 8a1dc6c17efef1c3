using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lantern.Tests.Storage;

/// <summary>
/// The node's connections keep the statements repeated on them prepared on the server (parsed and planned once), unless
/// <c>LANTERN_DATABASE_MAX_AUTO_PREPARE=0</c> turns that off for a pooler that cannot carry prepared statements.
/// </summary>
public sealed class AutoPrepareTests
{
    [Fact]
    public async Task A_statement_repeated_on_a_connection_of_the_node_is_prepared_there()
    {
        await using var app = await LanternApp.StartAsync();

        Assert.Equal(1, await PreparedAfterRepeatingAsync(app));
    }

    [Fact]
    public async Task Zero_keeps_every_statement_unprepared()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_DATABASE_MAX_AUTO_PREPARE"] = "0" });

        Assert.Equal(0, await PreparedAfterRepeatingAsync(app));
    }

    /// <summary>Runs one statement ten times on one of the node's connections; returns how many of its kind are prepared there.</summary>
    private static async Task<long> PreparedAfterRepeatingAsync(LanternApp app)
    {
        const string Probe = "SELECT count(*) FROM traces WHERE project_id = $1 AND id = $2";
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            await using var repeated = new NpgsqlCommand(Probe, connection) { Parameters = { new() { Value = "p" }, new() { Value = $"t{i}" } } };
            await repeated.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", connection)
        {
            Parameters = { new() { Value = Probe } },
        };
        return (long)(await prepared.ExecuteScalarAsync())!;
    }
}
