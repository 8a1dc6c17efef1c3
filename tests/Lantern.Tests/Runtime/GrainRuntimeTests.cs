using Lantern.Contracts.Runtime;
using Lantern.Silo.Storage;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Runtime;

public sealed class GrainRuntimeTests
{
    [Fact]
    public async Task Concurrent_calls_to_one_grain_never_overlap()
    {
        await using var harness = new RuntimeHarness();
        var grain = harness.Counter("one");

        var overlaps = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(grain.IncrementTrackingOverlapAsync)));

        Assert.Equal(1, overlaps.Max());
        Assert.Equal(200, await grain.GetAsync());
    }

    [Fact]
    public async Task Each_reference_reaches_the_grain_of_its_own_key_however_many_are_taken_after_it()
    {
        await using var harness = new RuntimeHarness();
        var first = harness.Counter("first");
        var others = Enumerable.Range(0, 50).Select(i => harness.Counter($"other-{i}")).ToList();
        var second = harness.Counter("second");

        await first.IncrementAsync();
        await first.IncrementAsync();
        await second.IncrementAsync();
        await Task.WhenAll(others.Select((grain, i) => Task.WhenAll(Enumerable.Range(0, i % 3).Select(_ => grain.IncrementAsync()))));

        Assert.Equal(2, await first.GetAsync());
        Assert.Equal(1, await second.GetAsync());
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i % 3), await Task.WhenAll(others.Select(grain => grain.GetAsync())));
        Assert.Equal(2, await harness.Counter("first").GetAsync());
    }

    [Fact]
    public async Task Different_grains_run_at_the_same_time()
    {
        await using var harness = new RuntimeHarness();
        var meeting = new MeetingPoint(16);

        // Each call only returns once all 16 grains are inside it together; a runtime that ran them one by one would time out.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => harness.Counter($"g{i}").MeetAsync(meeting)));

        Assert.True(meeting.AllArrived.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Idle_deactivation_writes_state_and_reactivation_reads_it_back()
    {
        await using var harness = new RuntimeHarness();
        var grain = harness.Counter("idle");
        for (var i = 0; i < 5; i++)
        {
            await grain.IncrementAsync();
        }

        Assert.Null(await harness.StoredCountAsync("idle"));
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, harness.Runtime.CollectIdle());

        await Eventually.TrueAsync(async () => await harness.StoredCountAsync("idle") == 5, "the idle grain wrote its state");
        Assert.Equal(0, harness.Runtime.ActivationCount);
        Assert.Equal(6, await grain.IncrementAsync());
    }

    [Fact]
    public async Task A_recently_used_grain_is_not_collected_as_idle()
    {
        await using var harness = new RuntimeHarness();
        await harness.Counter("busy").IncrementAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.Counter("busy").IncrementAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(45));

        Assert.Equal(0, harness.Runtime.CollectIdle());
        Assert.Equal(1, harness.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_grain_interface_with_its_own_idle_timeout_is_collected_after_it()
    {
        await using var harness = new RuntimeHarness(configure: o => o.IdleTimeouts[typeof(ICounterGrain)] = TimeSpan.FromSeconds(10));
        await harness.Counter("short-lived").IncrementAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, harness.Runtime.CollectIdle());

        harness.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(1, harness.Runtime.CollectIdle());
    }

    [Fact]
    public async Task A_write_from_a_stale_copy_fails_with_a_conflict_and_the_grain_keeps_working()
    {
        await using var harness = new RuntimeHarness();
        var grain = harness.Counter("stale");
        await grain.IncrementAsync();
        await grain.FlushAsync();

        // Someone else (a stale owner, an operator) writes the row behind the activation's back.
        var stored = await harness.Storage.ReadAsync<CounterState>(nameof(CounterGrain), "stale", CancellationToken.None);
        await harness.Storage.WriteAsync(nameof(CounterGrain), "stale", new CounterState { Count = 100 }, stored!.Etag, CancellationToken.None);

        await grain.IncrementAsync();
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(grain.FlushAsync);
        Assert.Equal("stale", conflict.Key);
        Assert.Equal(100, await harness.StoredCountAsync("stale"));
        Assert.Equal(3, await grain.IncrementAsync());
    }

    [Fact]
    public async Task A_failing_turn_reaches_the_caller_and_the_activation_lives_on()
    {
        await using var harness = new RuntimeHarness();
        var grain = harness.Counter("fails");
        await grain.IncrementAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(grain.FailAsync);

        Assert.Equal("turn failed on purpose", error.Message);
        Assert.Equal(2, await grain.IncrementAsync());
        Assert.Equal(1, harness.Runtime.ActivationCount);
    }

    [Fact]
    public async Task The_activation_bound_holds_across_100k_keys_and_evicted_grains_keep_their_state()
    {
        const int keys = 100_000;
        const int bound = 1_000;
        await using var harness = new RuntimeHarness(maxActivations: bound);
        var most = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, keys), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            await harness.Counter($"k{i}").IncrementAsync();
            var count = harness.Runtime.ActivationCount;
            int seen;
            while ((seen = Volatile.Read(ref most)) < count && Interlocked.CompareExchange(ref most, count, seen) != seen)
            {
            }
        });

        Assert.InRange(most, 1, bound);
        // Evicted grains come back with what they had: a second round sees every count at 1 and moves it to 2.
        foreach (var i in new[] { 0, 1, 50_000, keys - 1 })
        {
            Assert.Equal(2, await harness.Counter($"k{i}").IncrementAsync());
        }

        await harness.Runtime.ShutdownAsync(CancellationToken.None);
        Assert.Equal(keys, ((InMemoryGrainStorage)harness.Storage).Count);
    }

    [Fact]
    public async Task At_the_bound_the_least_recently_called_activations_are_the_ones_evicted()
    {
        // 5 % of 100: each eviction round deactivates the 5 activations called longest ago.
        await using var harness = await AtTheBoundAsync();
        await harness.Counter("k0").IncrementAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Counter("k100").IncrementAsync();

        var active = Enumerable.Range(0, 101).Where(i => harness.Runtime.IsActive<ICounterGrain>($"k{i}")).ToHashSet();
        Assert.Equal([1, 2, 3, 4, 5], Enumerable.Range(0, 101).Except(active));
    }

    [Fact]
    public async Task Later_eviction_rounds_still_evict_the_least_recently_called()
    {
        // One pass over the directory finds several rounds' worth of the oldest: a round after the first must still skip
        // one called since (k6) and one deactivated since (k7), and never evict a newer one ahead of an older one.
        await using var harness = await AtTheBoundAsync();
        await harness.Counter("k100").IncrementAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Counter("k6").IncrementAsync();
        await harness.Runtime.DeactivateWhereAsync((_, key) => key == "k7", DeactivationReason.Idle, CancellationToken.None);
        for (var i = 101; i <= 106; i++)
        {
            // 95 active after the first round and k7: k106 is the first past the bound again.
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await harness.Counter($"k{i}").IncrementAsync();
        }

        var inactive = Enumerable.Range(0, 107).Where(i => !harness.Runtime.IsActive<ICounterGrain>($"k{i}"));
        Assert.Equal([0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11], inactive);
    }

    [Fact]
    public async Task Shutdown_flushes_every_activation()
    {
        await using var harness = new RuntimeHarness();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => harness.Counter($"s{i}").IncrementAsync()));

        await harness.Runtime.ShutdownAsync(CancellationToken.None);

        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(1, await harness.StoredCountAsync($"s{i}"));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Counter("late").IncrementAsync());
    }

    [Fact]
    public async Task A_grain_timer_flushes_write_behind_state_without_deactivation()
    {
        await using var harness = new RuntimeHarness();
        var grain = harness.Counter("timer");
        await grain.StartFlushTimerAsync(TimeSpan.FromSeconds(5));
        await grain.IncrementAsync();
        await grain.IncrementAsync();
        Assert.Null(await harness.StoredCountAsync("timer"));

        harness.Time.Advance(TimeSpan.FromSeconds(5));

        await Eventually.TrueAsync(async () => await harness.StoredCountAsync("timer") == 2, "the timer flushed the state");
        Assert.Equal(1, harness.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_grain_interface_without_a_registered_class_is_refused()
    {
        await using var harness = new RuntimeHarness();
        var error = Assert.Throws<InvalidOperationException>(() => harness.Runtime.GetGrain<IUnregisteredGrain>("x"));
        Assert.Contains(nameof(IUnregisteredGrain), error.Message, StringComparison.Ordinal);
    }

    // 100 activations, the bound, k0 called longest ago and k99 last, one second apart.
    private static async Task<RuntimeHarness> AtTheBoundAsync()
    {
        var harness = new RuntimeHarness(maxActivations: 100);
        for (var i = 0; i < 100; i++)
        {
            await harness.Counter($"k{i}").IncrementAsync();
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        return harness;
    }
}
