namespace Lantern.Silo.Cluster;

/// <summary>
/// Asks the silo owning the partition whose queue it is sent to for the project's spend alerts of the users it owns; it
/// answers with <see cref="PartitionSpendAlerts"/>. Sent to one partition of each silo (<see cref="BrokerSpendAlertReader"/>).
/// </summary>
public sealed record PartitionSpendAlertsQuery(string ProjectId);
