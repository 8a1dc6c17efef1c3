namespace Lantern.Silo.Cluster;

/// <summary>
/// How many partitions each live silo should hold: an equal share, the remainder going to the first silos in id order,
/// so every silo computes the same targets from the same membership without talking to the others.
/// </summary>
public static class FairShare
{
    public static int Target(int partitions, IReadOnlyList<string> liveSilos, string siloId)
    {
        var index = -1;
        for (var i = 0; i < liveSilos.Count; i++)
        {
            if (string.Equals(liveSilos[i], siloId, StringComparison.Ordinal))
            {
                index = i;
            }
        }

        if (index < 0)
        {
            return 0;
        }

        return (partitions / liveSilos.Count) + (index < partitions % liveSilos.Count ? 1 : 0);
    }
}
