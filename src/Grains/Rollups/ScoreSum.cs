namespace Lantern.Grains.Rollups;

/// <summary>The sum and count of one score's numeric values, so averages merge exactly.</summary>
public readonly record struct ScoreSum(double Sum, long Count)
{
    public double? Average => Count == 0 ? null : Sum / Count;
}
