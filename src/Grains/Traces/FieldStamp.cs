namespace Lantern.Grains.Traces;

/// <summary>
/// Which event last set a field: its timestamp, then creates before updates, then the event id. Comparing stamps
/// instead of trusting arrival order makes every merge commutative and idempotent, so resent batches and updates
/// that arrive before their create give the same result as an orderly stream.
/// </summary>
public readonly record struct FieldStamp(long Ticks, int Rank, string EventId) : IComparable<FieldStamp>
{
    public int CompareTo(FieldStamp other)
    {
        var byTime = Ticks.CompareTo(other.Ticks);
        if (byTime != 0)
        {
            return byTime;
        }

        var byRank = Rank.CompareTo(other.Rank);
        return byRank != 0 ? byRank : string.CompareOrdinal(EventId, other.EventId);
    }

    public static bool operator >(FieldStamp left, FieldStamp right) => left.CompareTo(right) > 0;

    public static bool operator <(FieldStamp left, FieldStamp right) => left.CompareTo(right) < 0;

    public static bool operator >=(FieldStamp left, FieldStamp right) => left.CompareTo(right) >= 0;

    public static bool operator <=(FieldStamp left, FieldStamp right) => left.CompareTo(right) <= 0;
}
