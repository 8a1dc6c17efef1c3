namespace Lantern.Silo.ScoreConfigs;

/// <summary>One category of a categorical (or boolean) score config: the label scores send and the number it stands for.</summary>
public sealed record ScoreConfigCategory(double Value, string Label);
