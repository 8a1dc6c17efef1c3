using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Hosting;

/// <summary>
/// Collects the youngest generations between requests: once no request is in flight and more than a threshold was
/// allocated since the last collection. A collection the runtime starts when its budget runs out pauses every request
/// in flight (7–16 ms at half load on 2 cores, the most common reason an acknowledgement took over 25 ms:
/// docs/benchmarks.md, round 25), and copies their half-built state as survivors; one between requests pauses none of
/// them and has less to copy. Under load with no gap between requests it never runs, and the runtime collects as it
/// would without it.
/// </summary>
public sealed class IdleCollector : BackgroundService
{
    private readonly long _threshold;
    private readonly IManagedHeap _heap;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private int _requests;
    private int _collectionsSeen;
    private long _allocatedAtCollection;
    private long _collections;

    public IdleCollector(IOptions<IdleCollectionOptions> options, IMeterFactory meters, IManagedHeap heap)
    {
        _heap = heap;
        _threshold = options.Value.ThresholdMiB * 1024L * 1024L;
        (_collectionsSeen, _allocatedAtCollection) = (heap.Collections, heap.AllocatedBytes);
        meters.Create(SiloMeter.Name).CreateObservableCounter("lantern_gc_idle_collections_total", () => Collections,
            description: $"Collections of the youngest generations run while no request was in flight ({IdleCollectionOptions.ThresholdKey}).");
    }

    public bool IsEnabled => _threshold > 0;

    /// <summary>Collections run so far.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    public void RequestStarted() => Interlocked.Increment(ref _requests);

    /// <summary>When the request's response has been sent: the last one out signals the collection when it is due.</summary>
    public void RequestEnded()
    {
        if (Interlocked.Decrement(ref _requests) == 0 && IsDue())
        {
            _signals.Writer.TryWrite(true);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        while (await _signals.Reader.WaitToReadAsync(stoppingToken))
        {
            _signals.Reader.TryRead(out _);
            // A request that started since the signal would wait for the whole pause: it is left to the runtime then.
            if (Volatile.Read(ref _requests) == 0 && IsDue())
            {
                _heap.CollectYoungest();
                Interlocked.Increment(ref _collections);
            }
        }
    }

    // Counted from the start, then from the first look after each collection (the runtime's or this one's); the looks
    // come with every gap between requests, so the count misses little.
    private bool IsDue()
    {
        lock (_lock)
        {
            var collections = _heap.Collections;
            var allocated = _heap.AllocatedBytes;
            if (collections != _collectionsSeen)
            {
                (_collectionsSeen, _allocatedAtCollection) = (collections, allocated);
            }

            return allocated - _allocatedAtCollection >= _threshold;
        }
    }
}
