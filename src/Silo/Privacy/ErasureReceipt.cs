namespace Lantern.Silo.Privacy;

/// <summary>
/// The answer to an erasure request, kept in the audit trail under the same id: what was removed for which user, and when.
/// </summary>
public sealed record ErasureReceipt(string ReceiptId, string ProjectId, string UserId, DateTimeOffset Timestamp, PurgeCounts Deleted);
