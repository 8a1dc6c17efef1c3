using Lantern.Silo.Traces;

namespace Lantern.Tests.Ingestion;

/// <summary>
/// The traces whose grains left memory most recently read what is stored on their next activation; the set is bounded, so
/// memory does not grow with the number of traces.
/// </summary>
public sealed class ReleasedTracesTests
{
    [Fact]
    public void It_keeps_the_most_recent_releases_up_to_its_capacity_and_a_trace_released_again_counts_as_recent()
    {
        var released = new ReleasedTraces(capacity: 3);
        foreach (var key in new[] { "p/a", "p/b", "p/a", "p/c", "p/d" })
        {
            released.Add(key);
        }

        // a was released again after b, so b is the oldest release when d pushes the set past its capacity.
        Assert.Equal([true, false, true, true, false], new[] { "p/a", "p/b", "p/c", "p/d", "p/e" }.Select(released.Contains));
    }
}
