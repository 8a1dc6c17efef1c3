using System.Diagnostics.Metrics;
using System.Text.Json;
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
/// A single node's rollup cache, fed by the real group commit on PostgreSQL with its commits running side by side (and by
/// grains' reads running beside them), holds for every user and session exactly the rows PostgreSQL stores, versions
/// included.
/// </summary>
public sealed class RollupCacheCommitTests : IDisposable
{
    private const string Project = "project-1";
    private static readonly DateTimeOffset Hour = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task After_commits_running_side_by_side_every_cached_user_and_session_equals_its_stored_rows()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var cache = CompleteCache();
        var ct = TestContext.Current.CancellationToken;
        await using (var batcher = Batcher(dataSource, cache))
        {
            // Small batches, so the three commit loops run at once and deliver in any order.
            await Task.WhenAll(Enumerable.Range(0, 600).Select(i => batcher.CommitAsync(NewTrace(i), ct)));
            await Task.WhenAll(Enumerable.Range(0, 600).Select(i => batcher.CommitAsync(Scored(i), ct)));
            await Task.WhenAll(Enumerable.Range(0, 600).Where(i => i % 7 == 0).Select(i => batcher.CommitAsync(Deleted(i), ct)));
        }

        await AssertCachedAsStoredAsync(dataSource, cache);
    }

    [Fact]
    public async Task Keys_stored_before_the_start_and_read_while_their_commits_run_are_kept_as_postgresql_stores_them()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var filter = new RollupKeyFilter();
        var cache = new RollupRowCache(filter, new RollupCacheOptions(), _metrics.GetRequiredService<IMeterFactory>());
        var store = new CachingRollupStore(cache, new PostgresRollupStore(dataSource));
        var ct = TestContext.Current.CancellationToken;
        await using (var batcher = Batcher(dataSource, cache))
        {
            // Stored before the node's filter is loaded, as by an earlier process: nothing of it is cached.
            await Task.WhenAll(Enumerable.Range(0, 600).Select(i => batcher.CommitAsync(NewTrace(i), ct)));
            filter.MarkComplete();
            Assert.Equal(0, cache.Count);

            // Grains' reads of every key, four at a time, while the commits run: some are kept, and take later changes.
            await Task.WhenAll(
                Task.WhenAll(Enumerable.Range(0, 600).Select(i => batcher.CommitAsync(Scored(i), ct))),
                Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ReadAllAsync(store, ct), ct))));
            Assert.True(cache.Count > 0, "no read was kept");
            await Task.WhenAll(Enumerable.Range(0, 600).Where(i => i % 7 == 0).Select(i => batcher.CommitAsync(Deleted(i), ct)));
        }

        await ReadAllAsync(store, ct);
        await AssertCachedAsStoredAsync(dataSource, cache);
    }

    [Fact]
    public async Task A_commit_that_fails_drops_its_keys_and_their_reads_go_to_postgresql()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var cache = CompleteCache();
        var user = new RollupScopeKey(Project, RollupScope.User, "user-0");
        var ct = TestContext.Current.CancellationToken;
        await using var batcher = Batcher(dataSource, cache);
        await batcher.CommitAsync(NewTrace(0), ct);
        Assert.NotNull(cache.TryLoad(user));

        var broken = NewTrace(50);
        await Assert.ThrowsAsync<PostgresException>(() => batcher.CommitAsync(broken with { Trace = broken.Trace! with { InputJson = "not json" } }, ct));

        Assert.Null(cache.TryLoad(user));
    }

    public void Dispose() => _metrics.Dispose();

    private static IEnumerable<RollupScopeKey> Keys =>
        Enumerable.Range(0, 50).Select(u => new RollupScopeKey(Project, RollupScope.User, $"user-{u}"))
            .Concat(Enumerable.Range(0, 70).Select(s => new RollupScopeKey(Project, RollupScope.Session, $"session-{s}")));

    private static async Task ReadAllAsync(CachingRollupStore store, CancellationToken ct)
    {
        foreach (var key in Keys)
        {
            await store.LoadAsync(key.ProjectId, key.Scope, key.Key, ct);
        }
    }

    // Every user and session is cached, with exactly the rows and versions PostgreSQL stores.
    private static async Task AssertCachedAsStoredAsync(NpgsqlDataSource dataSource, RollupRowCache cache)
    {
        var stored = new PostgresRollupStore(dataSource);
        foreach (var key in Keys)
        {
            var expected = Describe(await stored.LoadAsync(key.ProjectId, key.Scope, key.Key, CancellationToken.None));
            Assert.Equal(key.Scope == RollupScope.User ? 2 : 1, expected.Count);
            Assert.Equal(expected, Describe(cache.TryLoad(key) ?? throw new Xunit.Sdk.XunitException($"{key} is not cached")));
        }
    }

    private RollupRowCache CompleteCache()
    {
        var filter = new RollupKeyFilter();
        filter.MarkComplete();
        return new RollupRowCache(filter, new RollupCacheOptions(), _metrics.GetRequiredService<IMeterFactory>());
    }

    private TraceWriteBatcher Batcher(NpgsqlDataSource dataSource, RollupRowCache cache) =>
        new(dataSource, new IgnoredRollupChanges(), Options.Create(new TraceWriteOptions { MaxWritesPerBatch = 8 }),
            _metrics.GetRequiredService<IMeterFactory>(), NullLogger<TraceWriteBatcher>.Instance, rollupCache: cache);

    // Trace i of user i % 50 and session i % 70: a trace row on the user, a cost row on the user's model, a trace row on
    // the session.
    private static TraceWrite NewTrace(int i)
    {
        var (user, session) = ($"user-{i % 50}", $"session-{i % 70}");
        var trace = new TraceRow(Project, $"trace-{i}", Hour, "chat", user, session, null, null, "default", false, [], null, null, null, 0.25m, 0, 1, "{}");
        var seen = Hour.AddMinutes(i % 60);
        return new TraceWrite(Project, trace.Id, trace, [], [], new Dictionary<RollupKey, RollupValues>
        {
            [Row(RollupScope.User, user, "")] = new() { Traces = 1, FirstSeen = seen, LastSeen = seen },
            [Row(RollupScope.User, user, "gpt-4o")] = new() { Generations = 1, Cost = 0.25m, InputTokens = 10 },
            [Row(RollupScope.Session, session, "")] = new() { Traces = 1, FirstSeen = seen, LastSeen = seen },
        })
        {
            TraceIsNew = true,
        };
    }

    // A score and more cost on trace i.
    private static TraceWrite Scored(int i)
    {
        var delta = new RollupValues { Cost = 0.1m };
        delta.Scores["quality"] = new ScoreSum(i % 3 * 0.5, 1);
        var trace = new RollupValues();
        trace.Scores["quality"] = new ScoreSum(i % 3 * 0.5, 1);
        return new TraceWrite(Project, $"trace-{i}", null, [], [], new Dictionary<RollupKey, RollupValues>
        {
            [Row(RollupScope.User, $"user-{i % 50}", "")] = trace,
            [Row(RollupScope.User, $"user-{i % 50}", "gpt-4o")] = delta,
        });
    }

    // Trace i deleted: everything it added taken back.
    private static TraceWrite Deleted(int i)
    {
        var trace = new RollupValues { Traces = -1 };
        trace.Scores["quality"] = new ScoreSum(-(i % 3 * 0.5), -1);
        return new TraceWrite(Project, $"trace-{i}", null, [], [], new Dictionary<RollupKey, RollupValues>
        {
            [Row(RollupScope.User, $"user-{i % 50}", "")] = trace,
            [Row(RollupScope.User, $"user-{i % 50}", "gpt-4o")] = new() { Generations = -1, Cost = -0.35m, InputTokens = -10 },
            [Row(RollupScope.Session, $"session-{i % 70}", "")] = new() { Traces = -1 },
        }, DeleteTrace: true);
    }

    private static RollupKey Row(RollupScope scope, string key, string model) => new(Project, scope, key, 0, Hour, model);

    // Every measure and the version of each row, in key order; decimals compare by value, not by their scale.
    private static List<(string Model, long Traces, long Generations, decimal Cost, long InputTokens, string Scores, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen, long Version)> Describe(
        IEnumerable<RollupChange> rows) =>
        [.. rows.OrderBy(r => r.Key).Select(r => (r.Key.Model, r.Delta.Traces, r.Delta.Generations, r.Delta.Cost, r.Delta.InputTokens,
            JsonSerializer.Serialize(r.Delta.Scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}:{s.Value.Sum}:{s.Value.Count}")),
            r.Delta.FirstSeen, r.Delta.LastSeen, r.Version))];
}
