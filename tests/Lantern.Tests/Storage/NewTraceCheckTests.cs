using System.Text.Json;
using Lantern.Tests.Infrastructure;
using Npgsql;

namespace Lantern.Tests.Storage;

/// <summary>
/// The check a commit starts with when grains took their traces for new (migrations 0036 and 0037): it must name every
/// one of them with anything stored (the trace row, an observation or a score), and only those, or a stored trace would
/// be counted again or a new one sent back for nothing.
/// </summary>
public sealed class NewTraceCheckTests
{
    private const string Check = "SELECT * FROM lantern_check_new_traces($1::text[], $2::text[])";

    [Fact]
    public async Task It_names_the_traces_with_a_stored_trace_observation_or_score_row_and_only_those()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using (var store = dataSource.CreateCommand("""
            INSERT INTO traces (project_id, id, timestamp, fields) VALUES ('p', 'with-trace', now(), '{}'), ('q', 'only-in-q', now(), '{}');
            INSERT INTO observations (project_id, id, trace_id, type, start_time, fields) VALUES ('p', 'o', 'with-observation', 'SPAN', now(), '{}'), ('p', 'o2', 'with-trace', 'SPAN', now(), '{}');
            INSERT INTO scores (project_id, id, trace_id, name, data_type, timestamp, fields) VALUES ('p', 's', 'with-score', 'n', 'NUMERIC', now(), '{}');
            """))
        {
            await store.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var failure = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(dataSource,
            ("p", "with-trace"), ("p", "with-observation"), ("p", "with-score"), ("p", "new"), ("p", "only-in-q"), ("q", "with-trace")));

        Assert.Equal("LNT01", failure.SqlState);
        using var named = JsonDocument.Parse(failure.MessageText);
        Assert.Equal(["p/with-observation", "p/with-score", "p/with-trace"],
            named.RootElement.EnumerateArray().Select(pair => $"{pair[0].GetString()}/{pair[1].GetString()}").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task It_returns_nothing_when_none_of_the_traces_is_stored()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();

        Assert.Equal(0, await RunAsync(dataSource, ("p", "new-1"), ("p", "new-2")));
    }

    private static async Task<int> RunAsync(NpgsqlDataSource dataSource, params (string Project, string Trace)[] keys)
    {
        await using var command = dataSource.CreateCommand(Check);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Project).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Trace).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows++;
        }

        return rows;
    }
}
