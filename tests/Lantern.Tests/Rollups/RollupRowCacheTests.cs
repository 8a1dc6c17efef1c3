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

        cache.Apply(cache.Committing([chat, gpt]), [new(chat, Values(traces: 1), 1), new(gpt, Values(cost: 0.25m), 1)]);
        cache.Apply(cache.Committing([gpt]), [new(gpt, Values(cost: 0.5m), 2)]);

        Assert.Equal(["|1|0|1", "gpt-4o|0|0.75|2"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void Rows_read_are_copies_that_a_grain_may_change()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);

        cache.TryLoad(User)![0].Delta.Traces = 100;

        Assert.Equal(["|1|0|1"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void Two_commits_of_a_new_key_may_arrive_in_either_order()
    {
        var cache = Complete();
        var (chat, gpt) = (Row(User, ""), Row(User, "gpt-4o"));
        var first = cache.Committing([chat]);
        var second = cache.Committing([gpt]);

        cache.Apply(second, [new(gpt, Values(cost: 0.25m), 1)]);
        cache.Apply(first, [new(chat, Values(traces: 1), 1)]);

        Assert.Equal(["gpt-4o|0|0.25|1", "|1|0|1"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void A_change_delivered_again_is_counted_once()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);

        Assert.Equal(["|1|0|1"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void A_change_that_arrives_before_the_one_it_follows_waits_for_it_and_the_key_is_not_read_meanwhile()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);

        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 4), 3)]);
        Assert.Null(cache.TryLoad(User));
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 2), 2)]);

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
            cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), version)]);
        }

        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);
        Assert.Equal(0, cache.Count);
        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void A_commit_whose_outcome_is_unknown_drops_its_keys()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);

        cache.Abandon(cache.Committing([chat]));

        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void A_forgotten_key_is_read_from_postgresql()
    {
        var cache = Complete();
        var chat = Row(User, "");
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);

        cache.Forget(User);

        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void Before_the_stored_keys_are_loaded_nothing_is_cached_and_no_key_is_taken_for_unknown()
    {
        var cache = Cache(maxRows: 100);
        var chat = Row(User, "");

        var commit = cache.Committing([chat]);
        _filter.MarkComplete();
        cache.Apply(commit, [new(chat, Values(traces: 1), 1)]);

        Assert.Null(cache.TryLoad(User));
        Assert.Null(Cache(maxRows: 100, new RollupKeyFilter()).TryLoad(new RollupScopeKey("project-1", RollupScope.User, "nobody")));
    }

    [Fact]
    public void A_key_stored_before_the_node_started_is_not_cached_and_an_unknown_one_has_no_rows()
    {
        _filter.Add(User);
        var cache = Complete();
        var chat = Row(User, "");

        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 7)]);

        Assert.Null(cache.TryLoad(User));
        Assert.Empty(cache.TryLoad(new RollupScopeKey("project-1", RollupScope.User, "nobody"))!);
    }

    [Fact]
    public void A_key_read_from_postgresql_while_none_of_its_commits_runs_is_kept_and_takes_later_changes()
    {
        _filter.Add(User);
        var cache = Complete();
        var chat = Row(User, "");

        cache.Loaded(cache.LoadStarting(User)!, [new(chat, Values(traces: 5), 9)]);
        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 10)]);

        Assert.Equal(["|6|0|10"], Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void A_read_during_which_a_commit_of_its_key_ran_is_not_kept()
    {
        _filter.Add(User);
        var cache = Complete();
        var chat = Row(User, "");

        // A commit that started before the read and finished during it: the read may or may not have seen it.
        var running = cache.Committing([chat]);
        var overlapped = cache.LoadStarting(User)!;
        cache.Apply(running, [new(chat, Values(traces: 1), 10)]);
        cache.Loaded(overlapped, [new(chat, Values(traces: 5), 9)]);
        Assert.Null(cache.TryLoad(User));

        // One that started during the read.
        var spoiled = cache.LoadStarting(User)!;
        var started = cache.Committing([chat]);
        cache.Loaded(spoiled, [new(chat, Values(traces: 6), 10)]);
        cache.Apply(started, [new(chat, Values(traces: 1), 11)]);
        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void A_commit_abandoned_after_it_was_applied_leaves_the_others_of_its_key_counted_as_running()
    {
        _filter.Add(User);
        var cache = Complete();
        var chat = Row(User, "");
        var unacknowledged = cache.Committing([chat]);
        var running = cache.Committing([chat]);
        cache.Apply(unacknowledged, [new(chat, Values(traces: 1), 10)]);
        cache.Abandon(unacknowledged);

        cache.Loaded(cache.LoadStarting(User)!, [new(chat, Values(traces: 6), 10)]);
        cache.Apply(running, [new(chat, Values(traces: 1), 11)]);

        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void A_read_during_which_the_keys_rows_were_deleted_is_not_kept()
    {
        _filter.Add(User);
        var cache = Complete();
        var load = cache.LoadStarting(User)!;

        cache.Forget(User);
        cache.Loaded(load, [new(Row(User, ""), Values(traces: 5), 9)]);

        Assert.Null(cache.TryLoad(User));
    }

    [Fact]
    public void After_a_failed_read_the_key_is_offered_again()
    {
        _filter.Add(User);
        var cache = Complete();
        cache.Loaded(cache.LoadStarting(User)!, null);
        Assert.Null(cache.TryLoad(User));

        cache.Loaded(cache.LoadStarting(User)!, []);

        Assert.Empty(Describe(cache.TryLoad(User)));
    }

    [Fact]
    public void Project_and_prompt_rows_are_not_cached()
    {
        var cache = Complete();
        var project = new RollupScopeKey("project-1", RollupScope.Project, "");
        var row = Row(project, "");

        cache.Apply(cache.Committing([row]), [new(row, Values(traces: 1), 1)]);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_cache_holds_at_most_its_bound_of_rows_and_keys_and_keeps_a_key_in_use()
    {
        var cache = Complete(maxRows: 100);
        var used = new RollupScopeKey("project-1", RollupScope.Session, "session-used");
        cache.Apply(cache.Committing([Row(used, "")]), [new(Row(used, ""), Values(traces: 1), 1)]);

        for (var i = 0; i < 1_000; i++)
        {
            var key = new RollupScopeKey("project-1", RollupScope.User, $"user-{i}");
            cache.Apply(cache.Committing([Row(key, "")]), [new(Row(key, ""), Values(traces: 1), 1)]);
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

        cache.Apply(cache.Committing([chat]), [new(chat, Values(traces: 1), 1)]);

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
