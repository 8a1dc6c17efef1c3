namespace Lantern.Silo.Cluster;

/// <summary>One score's sum and count in a <see cref="RollupChangeMessage"/>.</summary>
public sealed record ScoreSumMessage(string Name, double Sum, long Count);
