namespace Lantern.Silo.Runtime;

/// <summary>
/// Picks the activations to evict at the activation bound, least recently used first. One pass over the directory finds
/// several rounds' worth of the oldest; the next rounds take them while they are still unused and still in the directory,
/// and pass over it again only when they run out. The choice stays exact: an activation not picked was last used no
/// earlier than the newest one picked, and last use only moves forward. Used under the runtime's lifecycle lock.
/// </summary>
internal sealed class EvictionCandidates(int roundsPerScan)
{
    private static readonly Comparer<long> NewestFirst = Comparer<long>.Create((a, b) => b.CompareTo(a));

    private readonly Queue<(GrainActivation Activation, long LastUsed)> _next = new();

    public List<GrainActivation> Take(int count, IEnumerable<GrainActivation> directory, Func<GrainActivation, bool> isCurrent)
    {
        var victims = new List<GrainActivation>(count);
        while (victims.Count < count && _next.TryDequeue(out var candidate))
        {
            if (candidate.Activation.LastUsed == candidate.LastUsed && isCurrent(candidate.Activation))
            {
                victims.Add(candidate.Activation);
            }
        }

        if (victims.Count == count)
        {
            return victims;
        }

        // Too few left: the ones just taken are among the oldest, so the new pass finds them again.
        victims.Clear();
        _next.Clear();
        foreach (var (activation, lastUsed) in Oldest(count * roundsPerScan, directory).OrderBy(c => c.LastUsed))
        {
            if (victims.Count < count)
            {
                victims.Add(activation);
            }
            else
            {
                _next.Enqueue((activation, lastUsed));
            }
        }

        return victims;
    }

    // One pass with a heap of the count oldest seen so far (its root the newest of them).
    private static IEnumerable<(GrainActivation Activation, long LastUsed)> Oldest(int count, IEnumerable<GrainActivation> directory)
    {
        var oldest = new PriorityQueue<GrainActivation, long>(count + 1, NewestFirst);
        foreach (var activation in directory)
        {
            var lastUsed = activation.LastUsed;
            if (oldest.Count < count)
            {
                oldest.Enqueue(activation, lastUsed);
            }
            else if (oldest.TryPeek(out _, out var newestKept) && lastUsed < newestKept)
            {
                oldest.EnqueueDequeue(activation, lastUsed);
            }
        }

        return oldest.UnorderedItems.Select(item => (item.Element, item.Priority));
    }
}
