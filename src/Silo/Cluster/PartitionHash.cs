using System.Text;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Maps a grain key to its partition with 32-bit FNV-1a over UTF-8: stable across processes, runtimes and restarts,
/// unlike <see cref="string.GetHashCode()"/>, which is randomised per process.
/// </summary>
public static class PartitionHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static int Of(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return (int)(hash % (uint)partitions);
    }
}
