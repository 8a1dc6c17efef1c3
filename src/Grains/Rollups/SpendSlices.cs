using System.Runtime.CompilerServices;

namespace Lantern.Grains.Rollups;

/// <summary>The sub-buckets of a <see cref="SpendWindow"/> in nano-dollars, stored inside it rather than in an array of their own.</summary>
[InlineArray(Count)]
internal struct SpendSlices
{
    public const int Count = 12;

    private long _first;
}
