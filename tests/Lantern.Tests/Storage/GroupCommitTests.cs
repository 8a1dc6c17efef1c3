using System.Diagnostics.Metrics;
using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Rollups;
using Lantern.Silo.Traces;
using Lantern.Tests.Cluster;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Tests.Storage;

/// <summary>
/// The group commit sends a commit's statements in one batch: what users rely on is that every write in it is stored
/// with its rollups, or none is, and that a row taken for new which is stored already is updated, not lost.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private const string Project = "project-1";
    private const string UserRollupCost = "SELECT cost FROM rollups WHERE scope = 'user' AND scope_key = 'user-1'";
    private static readonly DateTimeOffset Hour = new(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task Commits_store_every_row_and_add_every_rollup_delta()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var batcher = Batcher(dataSource);

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => batcher.CommitAsync(NewTrace($"trace-{i}", "{}"), CancellationToken.None)));

        Assert.Equal(6L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM traces"));
        Assert.Equal(6L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM observations WHERE type = 'GENERATION'"));
        Assert.Equal(1.5m, await dataSource.ScalarAsync<decimal>(UserRollupCost));
    }

    [Fact]
    public async Task A_commit_with_a_statement_that_fails_leaves_none_of_its_rows()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var batcher = Batcher(dataSource);

        // The trace row's statement comes first and is valid; the observation's input is not JSON, so its statement fails.
        await Assert.ThrowsAsync<PostgresException>(() => batcher.CommitAsync(NewTrace("trace-1", "not json"), CancellationToken.None));

        Assert.Equal(0L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM traces"));
        Assert.Equal(0L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM rollups"));
    }

    [Fact]
    public async Task A_row_taken_for_new_but_stored_already_is_updated()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var batcher = Batcher(dataSource);
        await batcher.CommitAsync(NewTrace("trace-1", "{}"), CancellationToken.None);

        // An earlier owner of the partition stored it; this grain, activated before that, still takes it for new.
        var again = NewTrace("trace-1", """{"q":"again"}""");
        await batcher.CommitAsync(again with { Trace = again.Trace! with { Name = "renamed" } }, CancellationToken.None);

        Assert.Equal("renamed", await dataSource.ScalarAsync<string>("SELECT name FROM traces WHERE id = 'trace-1'"));
        Assert.Equal("again", await dataSource.ScalarAsync<string>("SELECT input->>'q' FROM observations WHERE id = 'trace-1-generation'"));
        Assert.Equal(0.5m, await dataSource.ScalarAsync<decimal>(UserRollupCost));
    }

    [Fact]
    public async Task A_trace_deleted_among_other_writes_is_gone_with_its_rollup_contribution_and_the_others_are_stored()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var batcher = Batcher(dataSource);
        await batcher.CommitAsync(NewTrace("trace-1", "{}"), CancellationToken.None);

        var removal = new Dictionary<RollupKey, RollupValues> { [UserRollup] = new() { Traces = -1, Cost = -0.25m } };
        await Task.WhenAll(
            batcher.CommitAsync(NewTrace("trace-2", "{}"), CancellationToken.None),
            batcher.CommitAsync(new TraceWrite(Project, "trace-1", null, [], [], removal, DeleteTrace: true), CancellationToken.None),
            batcher.CommitAsync(NewTrace("trace-3", "{}"), CancellationToken.None));

        Assert.Equal("trace-2,trace-3", await dataSource.ScalarAsync<string>("SELECT string_agg(id, ',' ORDER BY id) FROM traces"));
        Assert.Equal(2L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM observations"));
        Assert.Equal(0.5m, await dataSource.ScalarAsync<decimal>(UserRollupCost));
    }

    [Fact]
    public async Task A_commit_waiting_for_its_project_row_holds_up_no_other_commit()
    {
        // Every commit changes its project's rows. A transaction holding one (here an uncommitted insert of the first
        // commit loop's row) stops the commits that write that row; the other loops write rows of their own and go on.
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var batcher = Batcher(dataSource);
        await using var holder = await dataSource.OpenConnectionAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO rollups (project_id, scope, scope_key, scope_version, bucket, model) VALUES ($1, 'project', '', 0, $2, '')", holder, holding))
        {
            insert.Parameters.Add(new() { Value = Project });
            insert.Parameters.Add(new() { Value = Hour });
            await insert.ExecuteNonQueryAsync();
        }

        var writes = new List<Task>();
        var held = 0;
        foreach (var traceId in Enumerable.Range(1, 6).Select(i => $"trace-{i}"))
        {
            var write = batcher.CommitAsync(NewTrace(traceId, "{}"), CancellationToken.None);
            writes.Add(write);
            held += await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(5))) == write ? 0 : 1;
        }

        // The first loop took one commit at most before it waited; the other loops took the rest.
        Assert.True(held <= 1, $"{held} of 6 commits waited for the project row another transaction held");
        await holding.RollbackAsync();
        await Task.WhenAll(writes);
        Assert.Equal(6L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM traces"));
        Assert.Equal(6L, await dataSource.ScalarAsync<long>("SELECT sum(traces)::bigint FROM rollups WHERE scope = 'project'"));

        // The project's total as its grain reads it: every stripe's row, summed.
        var projectRows = await new PostgresRollupStore(dataSource).LoadAsync(Project, RollupScope.Project, "", CancellationToken.None);
        Assert.Equal(6L, RollupSummaries.Summarize(projectRows.Select(r => (r.Key, r.Delta))).Traces);
    }

    [Fact]
    public async Task A_large_payload_is_stored_compressed_with_lz4_and_reads_back_whole()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var batcher = Batcher(dataSource);
        var words = string.Join(' ', Enumerable.Range(0, 1_500).Select(i => (i * 7919 % 97).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await batcher.CommitAsync(NewTrace("trace-1", $$"""{"content":"{{words}}"}"""), CancellationToken.None);

        const string Stored = "FROM observations WHERE id = 'trace-1-generation'";
        Assert.Equal("lz4", await dataSource.ScalarAsync<string>($"SELECT pg_column_compression(input) {Stored}"));
        Assert.Equal(words, await dataSource.ScalarAsync<string>($"SELECT input->>'content' {Stored}"));
    }

    [Fact]
    public async Task A_row_past_two_kilobytes_has_each_of_its_payloads_compressed()
    {
        // PostgreSQL compresses a row's values, largest first, only until the row is under its target: with the default
        // (2 KB) the input alone was compressed and the output, a kilobyte, went to the table and the WAL whole.
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var batcher = Batcher(dataSource);
        var (question, answer) = (string.Concat(Enumerable.Repeat("what did the model say? ", 60)), string.Concat(Enumerable.Repeat("the model said hello. ", 55)));

        await batcher.CommitAsync(NewTrace("trace-1", $$"""{"content":"{{question}}"}""", $$"""{"content":"{{answer}}"}"""), CancellationToken.None);

        const string Stored = "FROM observations WHERE id = 'trace-1-generation'";
        Assert.NotNull(await dataSource.ScalarAsync<string>($"SELECT pg_column_compression(input) {Stored}"));
        Assert.NotNull(await dataSource.ScalarAsync<string>($"SELECT pg_column_compression(output) {Stored}"));
        Assert.Equal(answer, await dataSource.ScalarAsync<string>($"SELECT output->>'content' {Stored}"));
    }

    public void Dispose() => _metrics.Dispose();

    private static RollupKey UserRollup => new(Project, RollupScope.User, "user-1", 0, Hour, "");

    private static RollupKey ProjectRollup => new(Project, RollupScope.Project, "", 0, Hour, "");

    private TraceWriteBatcher Batcher(NpgsqlDataSource dataSource) =>
        new(dataSource, new IgnoredRollupChanges(), Options.Create(new TraceWriteOptions()), _metrics.GetRequiredService<IMeterFactory>(),
            NullLogger<TraceWriteBatcher>.Instance);

    // A new trace with one generation whose input is inputJson (and output outputJson), adding 0.25 to user-1's cost and a
    // trace to the project's.
    private static TraceWrite NewTrace(string traceId, string inputJson, string? outputJson = null)
    {
        var trace = new TraceRow(Project, traceId, Hour, "chat", "user-1", null, null, null, "default", false, [], null, null, null, 0.25m, 0, 1, "{}");
        var generation = new ObservationRow(Project, traceId + "-generation", traceId, "GENERATION", "llm", Hour, null, null, null, "DEFAULT", null, null,
            "default", "gpt-4o", null, inputJson, outputJson, null, ObservationCost.None, null, null, "{}");
        return new TraceWrite(Project, traceId, trace, [generation], [], new Dictionary<RollupKey, RollupValues>
        {
            [UserRollup] = new() { Traces = 1, Cost = 0.25m },
            [ProjectRollup] = new() { Traces = 1 },
        })
        {
            TraceIsNew = true,
            NewObservationIds = new HashSet<string> { generation.Id },
        };
    }
}
