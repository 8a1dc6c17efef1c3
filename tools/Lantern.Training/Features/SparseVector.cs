namespace Lantern.Training.Features;

/// <summary>A text's features: the indexes of the non-zero columns and their values.</summary>
internal sealed record SparseVector(int[] Indexes, float[] Values);
