using Lantern.Contracts.Rollups;

namespace Lantern.Silo.Cluster;

/// <summary>A silo's answer to <see cref="PartitionSpendAlertsQuery"/>: its alerts of users in the partitions it owns, newest first.</summary>
public sealed record PartitionSpendAlerts(IReadOnlyList<UserSpendAlert> Alerts);
