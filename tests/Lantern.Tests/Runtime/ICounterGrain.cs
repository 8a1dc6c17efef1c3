using Lantern.Contracts.Runtime;

namespace Lantern.Tests.Runtime;

/// <summary>A grain that counts, with write-behind persistence: the shape of Lantern's rollup grains.</summary>
public interface ICounterGrain : IGrain
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task FlushAsync();

    Task FailAsync();

    /// <summary>Increments slowly, across awaits, and returns the most calls it ever saw in flight at once.</summary>
    Task<int> IncrementTrackingOverlapAsync();

    /// <summary>Waits until every grain taking part in <paramref name="probe"/> is inside this method at once.</summary>
    Task MeetAsync(MeetingPoint probe);

    Task StartFlushTimerAsync(TimeSpan period);
}
