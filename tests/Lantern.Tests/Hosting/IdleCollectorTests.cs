using System.Diagnostics.Metrics;
using Lantern.Silo.Hosting;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Tests.Hosting;

/// <summary>
/// The node collects between requests, never during one: a collection runs once the last request in flight has ended
/// and more than the threshold was allocated since the last one. The runtime's own collections (other tests' too) reset
/// that count, so a test allocates and ends its request again until its collection runs.
/// </summary>
public sealed class IdleCollectorTests : IAsyncLifetime
{
    // Small against the runtime's budget for the first generation, so that a request's allocation usually ends before
    // the runtime collects.
    private const int ThresholdMiB = 1;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
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
        var before = GC.CollectionCount(0);

        await CollectedAfterRequestsAsync(_collector);

        Assert.True(GC.CollectionCount(0) > before);
    }

    [Fact]
    public async Task No_collection_runs_while_a_request_is_in_flight()
    {
        _collector.RequestStarted();
        for (var i = 0; i < 20; i++)
        {
            // Other requests come and go, each allocating past the threshold; one is always in flight.
            _collector.RequestStarted();
            Allocate(2 * ThresholdMiB);
            _collector.RequestEnded();
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, _collector.Collections);

        _collector.RequestEnded();
        await CollectedAfterRequestsAsync(_collector);
    }

    [Fact]
    public async Task Nothing_is_collected_below_the_threshold()
    {
        var collector = Collector(thresholdMiB: 64 * 1024);
        await collector.StartAsync(CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            collector.RequestStarted();
            Allocate(2 * ThresholdMiB);
            collector.RequestEnded();
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await collector.StopAsync(CancellationToken.None);
        Assert.Equal(0, collector.Collections);
    }

    [Fact]
    public void A_threshold_of_zero_turns_it_off() => Assert.False(Collector(thresholdMiB: 0).IsEnabled);

    // Requests that allocate past the threshold, until one's end is followed by a collection.
    private static async Task CollectedAfterRequestsAsync(IdleCollector collector)
    {
        await Eventually.TrueAsync(async () =>
        {
            collector.RequestStarted();
            Allocate(2 * ThresholdMiB);
            collector.RequestEnded();
            await Task.Delay(20);
            return collector.Collections > 0;
        }, "a collection runs between requests", TimeSpan.FromSeconds(10));
    }

    private static void Allocate(int mib)
    {
        for (var i = 0; i < mib * 16; i++)
        {
            GC.KeepAlive(new byte[64 * 1024]);
        }
    }

    private IdleCollector Collector(int thresholdMiB) =>
        new(Options.Create(new IdleCollectionOptions { ThresholdMiB = thresholdMiB }), _metrics.GetRequiredService<IMeterFactory>());
}
