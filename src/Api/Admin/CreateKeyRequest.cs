namespace Lantern.Api.Admin;

/// <summary>
/// Body of <c>POST /api/admin/projects/{id}/keys</c>: <c>scope</c> is <c>project</c> (read and write, the default) or
/// <c>read</c> (read-only); <c>expiresAt</c> (optional) is when the key stops working.
/// </summary>
public sealed record CreateKeyRequest(string? Note, string? Scope = null, DateTimeOffset? ExpiresAt = null);
