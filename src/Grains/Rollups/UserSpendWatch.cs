using System.Collections.Concurrent;
using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Rollups;

/// <summary>
/// Watches every user's spend as commits announce it, for budgets and spikes (<see cref="SpendWindow"/>), in the process
/// that owns the user's rollups. A grain per user did this before: every trace activated its user's grain, which with
/// many users lived just long enough for the GC to promote it and then was evicted by the activation bound, taking the
/// user's baseline with it. A watched user here is about 330 bytes that stay put (550 once its baseline holds 24
/// windows, plus its key); it is dropped when the user is erased,
/// and when more than <see cref="SpendWindowOptions.MaxWatchedUsers"/> are watched, the tenth whose cost arrived longest
/// ago is dropped (such a user starts again without a baseline, as a new one does).
/// </summary>
public sealed class UserSpendWatch(SpendWindowOptions options, ISpendAlertSink sink, IGrainFactory grains, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WatchedUser> _users = new(StringComparer.Ordinal);
    private int _trimming;

    // The dictionary's size, kept here: ConcurrentDictionary.Count takes every one of its locks (1,024 from about 20,000
    // users, 15 µs a call), and every commit checked the bound with it: 13 % of the node's CPU in a closed-loop run
    // (docs/benchmarks.md, round 18).
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts the cost of a user's committed changes (<paramref name="grainKey"/> is <c>project/user</c>).</summary>
    public void Observe(string grainKey, IEnumerable<RollupChange> changes)
    {
        var user = _users.TryGetValue(grainKey, out var watched) ? watched : Watch(grainKey);
        UserSpendAlertCandidate? candidate = null;
        var now = time.GetUtcNow();
        lock (user)
        {
            foreach (var change in changes)
            {
                if (change.Delta.Cost > 0 && user.IsNew(change.Key, change.Version))
                {
                    candidate = user.Window.Add(now, change.Delta.Cost) ?? candidate;
                }
            }

            user.LastArrival = time.GetTimestamp();
        }

        if (candidate is not null)
        {
            Report(grainKey, candidate, now);
        }

        if (Count > options.MaxWatchedUsers && Interlocked.Exchange(ref _trimming, 1) == 0)
        {
            Trim();
        }
    }

    /// <summary>Drops a user's window (the user is erased).</summary>
    public void Forget(string projectId, string userId) => Drop($"{projectId}/{userId}");

    private WatchedUser Watch(string grainKey)
    {
        var added = new WatchedUser(options);
        var user = _users.GetOrAdd(grainKey, added);
        if (ReferenceEquals(user, added))
        {
            Interlocked.Increment(ref _count);
        }

        return user;
    }

    private void Drop(string grainKey)
    {
        if (_users.TryRemove(grainKey, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void Report(string grainKey, UserSpendAlertCandidate candidate, DateTimeOffset now)
    {
        var separator = grainKey.IndexOf('/', StringComparison.Ordinal);
        var (projectId, userId) = (grainKey[..separator], grainKey[(separator + 1)..]);
        var alert = new UserSpendAlert(userId, candidate.Reason, candidate.WindowCostUsd, candidate.BaselineUsd, now);
        sink.UserSpendAlert(projectId, alert);
        _ = grains.GetGrain<IProjectGrain>($"{projectId}/").ReportUserSpendAlertAsync(alert);
    }

    private void Trim()
    {
        try
        {
            var oldest = _users.OrderBy(u => u.Value.LastArrival).Take(Math.Max(1, Count / 10)).Select(u => u.Key).ToList();
            oldest.ForEach(Drop);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }
}
