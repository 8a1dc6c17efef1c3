using System.Diagnostics.Metrics;
using Lantern.Grains.Rollups;
using Lantern.Silo.Rollups;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Rollups;

/// <summary>
/// The rollup cache answers a user's or session's read only with rows equal to what is stored: an entry starts at the
/// key's first commit, takes every change in version order, and is dropped whenever it might have missed one.
/// </summary>
public sealed class RollupRowCacheTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly RollupScopeKey User = new("project-1", RollupScope.User, "user-1");
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RollupKeyFilter _filter = new();

    [Fact]
    public void A_key_first_committed_after_the_filter_is_complete_is_answered_from_its_changes()
    {
        var cache = Complete();
        var (chat, gpt) = (Row(User, ""), Row(User, "gpt-4o"));

        cache.Committing([chat, gpt]);
        cache.Apply([new(chat, Values(traces: 1), 1), new(gpt, Values(cost: 0.25m), 1)]);
        cache.Committing([gpt]);
        cache.Apply([new(gpt, Values(cost: 0.5m), 2)]);

        Assert.Equal(["|1|0|1", "gpt-4o|0|0.75|2"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void Rows_read_are_copies_that_a_grain_may_change()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Committing([chat]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        cache.TryLoad(User)![0].Delta.Traces = 100;

        Assert.Equal(["|1|0|1"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void Two_commits_of_a_new_key_may_arrive_in_either_order()
    {
        var cache = Complete();
        var (chat, gpt) = (Row(User, ""), Row(User, "gpt-4o"));
        cache.Committing([chat]);
        cache.Committing([gpt]);

        cache.Apply([new(gpt, Values(cost: 0.25m), 1)]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        Assert.Equal(["gpt-4o|0|0.25|1", "|1|0|1"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void A_change_delivered_again_is_counted_once()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Committing([chat]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        Assert.Equal(["|1|0|1"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void A_change_that_arrives_before_the_one_it_follows_waits_for_it_and_the_key_is_not_read_meanwhile()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Committing([chat]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        cache.Apply([new(chat, Values(traces: 4), 3)]);
        Assert.Null(cache.TryLoad(User));
        cache.Apply([new(chat, Values(traces: 2), 2)]);

        Assert.Equal(["|7|0|3"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void A_key_with_more_changes_waiting_than_running_commits_could_leave_is_dropped()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Committing([chat]);

        for (var version = 2; version <= 100; version++)
        {
            cache.Apply([new(chat, Values(traces: 1), version)]);
        }

        cache.Apply([new(chat, Values(traces: 1), 1)]);
        Assert.Equal(0, cache.Count);
        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void A_commit_whose_outcome_is_unknown_drops_its_keys()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Committing([chat]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        cache.Committing([chat]);
        cache.Abandon([chat]);

        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void A_forgotten_key_is_read_from_postgresql()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Committing([chat]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        cache.Forget(User);

        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void Before_the_stored_keys_are_loaded_nothing_is_cached_and_no_key_is_taken_for_unknown()
    {
        var cache = Cache(maxRows: 100);
        var chat = Row(User, "");

        cache.Committing([chat]);
        _filter.MarkComplete();
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        Assert.Null(cache.TryLoad(User));
        Assert.Null(Cache(maxRows: 100, new RollupKeyFilter()).TryLoad(new RollupScopeKey("project-1", RollupScope.User, "nobody")));
    }

    [Fact]
    public void A_key_stored_before_the_node_started_is_not_cached_and_an_unknown_one_has_no_rows()
    {
        _filter.Add(User);
        var cache = Complete();
        var chat = Row(User, "");

        cache.Committing([chat]);
        cache.Apply([new(chat, Values(traces: 1), 7)]);

        Assert.Null(cache.TryLoad(User));
        Assert.Empty(cache.TryLoad(new RollupScopeKey("project-1", RollupScope.User, "nobody"))!);
    }

    [Fact]
    public void Project_and_prompt_rows_are_not_cached()
    {
        var cache = Complete();
        var project = new RollupScopeKey("project-1", RollupScope.Project, "");
        var row = Row(project, "");

        cache.Committing([row]);
        cache.Apply([new(row, Values(traces: 1), 1)]);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_cache_holds_at_most_its_bound_of_rows_and_keys_and_keeps_a_key_in_use()
    {
        var cache = Complete(maxRows: 100);
        var used = new RollupScopeKey("project-1", RollupScope.Session, "session-used");
        cache.Committing([Row(used, "")]);
        cache.Apply([new(Row(used, ""), Values(traces: 1), 1)]);

        for (var i = 0; i < 1_000; i++)
        {
            var key = new RollupScopeKey("project-1", RollupScope.User, $"user-{i}");
            cache.Committing([Row(key, "")]);
            cache.Apply([new(Row(key, ""), Values(traces: 1), 1)]);
            Assert.NotNull(cache.TryLoad(used));
        }

        // Each key counts itself and its one row.
        Assert.Equal(50, cache.Count);
        Assert.Equal(["|1|0|1"], Describe(cache.TryLoad(used)));
    }

    [Fact]
    public void A_bound_of_zero_turns_the_cache_off()
    {
        var cache = Complete(maxRows: 0);
        var chat = Row(User, "");

        cache.Committing([chat]);
        cache.Apply([new(chat, Values(traces: 1), 1)]);

        Assert.False(cache.IsEnabled);
        Assert.Null(cache.TryLoad(User));
        Assert.Null(cache.TryLoad(new RollupScopeKey("project-1", RollupScope.User, "nobody")));
    }

    public void Dispose() => _metrics.Dispose();

    private RollupRowCache Complete(int maxRows = 1_000)
    {
        _filter.MarkComplete();
        return Cache(maxRows);
    }

    private RollupRowCache Cache(int maxRows, RollupKeyFilter? filter = null) =>
        new(filter ?? _filter, new RollupCacheOptions { MaxRows = maxRows }, _metrics.GetRequiredService<IMeterFactory>());

    private static RollupKey Row(RollupScopeKey key, string model) => new(key.ProjectId, key.Scope, key.Key, 0, Hour, model);

    private static RollupValues Values(long traces = 0, decimal cost = 0) => new() { Traces = traces, Cost = cost };

    private static string[] Describe(IReadOnlyList<RollupChange>? rows) =>
        (rows ?? throw new Xunit.Sdk.XunitException("the key is not cached")).Select(r => FormattableString.Invariant($"{r.Key.Model}|{r.Delta.Traces}|{r.Delta.Cost}|{r.Version}")).ToArray();
}
