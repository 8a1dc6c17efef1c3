using System.Diagnostics.Metrics;
using Lantern.Silo.Hosting;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Tests.Hosting;

/// <summary>
/// The node collects between requests, never during one: once the last request in flight has ended and more than the
/// threshold was allocated since the last collection. On a heap the test scripts (the real runtime's collections come at
/// any moment in a busy test process); <see cref="IdleCollectionEndpointTests"/> runs it on the real one.
/// </summary>
public sealed class IdleCollectorTests : IAsyncLifetime
{
    private const int ThresholdMiB = 4;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ScriptedHeap _heap = new();
    private IdleCollector _collector = null!;

    public async ValueTask InitializeAsync()
    {
        _collector = Collector(ThresholdMiB);
        await _collector.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _collector.StopAsync(CancellationToken.None);
        _collector.Dispose();
        await _metrics.DisposeAsync();
    }

    [Fact]
    public async Task A_collection_runs_when_the_last_request_ends_after_enough_was_allocated()
    {
        Request(allocatingMiB: ThresholdMiB + 1);

        await Eventually.TrueAsync(() => _heap.Asked == 1, "the collector collects");
        Assert.Equal(1, _collector.Collections);
    }

    [Fact]
    public async Task No_collection_runs_while_a_request_is_in_flight()
    {
        _collector.RequestStarted();
        for (var i = 0; i < 5; i++)
        {
            // Other requests come and go, each allocating past the threshold; one is always in flight.
            Request(allocatingMiB: 2 * ThresholdMiB);
        }

        await Task.Delay(Settle, TestContext.Current.CancellationToken);
        Assert.Equal(0, _heap.Asked);

        _collector.RequestEnded();
        await Eventually.TrueAsync(() => _heap.Asked == 1, "the collector collects once the last request has ended");
    }

    [Fact]
    public async Task Nothing_is_collected_below_the_threshold_counted_from_the_last_collection()
    {
        Request(allocatingMiB: ThresholdMiB - 1);
        _heap.RuntimeCollects();
        Request(allocatingMiB: ThresholdMiB - 1);

        await Task.Delay(Settle, TestContext.Current.CancellationToken);
        Assert.Equal(0, _heap.Asked);

        Request(allocatingMiB: ThresholdMiB);
        await Eventually.TrueAsync(() => _heap.Asked == 1, "the collector collects once the threshold is passed");
    }

    [Fact]
    public async Task A_threshold_of_zero_turns_it_off()
    {
        var collector = Collector(thresholdMiB: 0);
        await collector.StartAsync(CancellationToken.None);
        collector.RequestStarted();
        _heap.Allocate(1024);
        collector.RequestEnded();

        await Task.Delay(Settle, TestContext.Current.CancellationToken);
        await collector.StopAsync(CancellationToken.None);
        Assert.False(collector.IsEnabled);
        Assert.Equal(0, _heap.Asked);
    }

    private void Request(int allocatingMiB)
    {
        _collector.RequestStarted();
        _heap.Allocate(allocatingMiB);
        _collector.RequestEnded();
    }

    private IdleCollector Collector(int thresholdMiB) =>
        new(Options.Create(new IdleCollectionOptions { ThresholdMiB = thresholdMiB }), _metrics.GetRequiredService<IMeterFactory>(), _heap);
}
