namespace Lantern.Contracts.Rollups;

/// <summary>The average of a score's values and how many there were.</summary>
/// <param name="Average">Mean value.</param>
/// <param name="Count">Number of values.</param>
public sealed record ScoreAverage(double Average, long Count);
