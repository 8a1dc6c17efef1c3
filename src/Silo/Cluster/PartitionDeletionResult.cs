namespace Lantern.Silo.Cluster;

/// <summary>
/// The owner's answer to a deletion sent as a request: it is sent only after the deletion committed under the owner's
/// lease. <c>Deleted</c> is false when there was nothing to delete.
/// </summary>
public sealed record PartitionDeletionResult(bool Deleted);
