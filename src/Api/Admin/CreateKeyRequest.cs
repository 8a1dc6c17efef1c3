namespace Lantern.Api.Admin;

/// <summary>Body of <c>POST /api/admin/projects/{id}/keys</c>.</summary>
public sealed record CreateKeyRequest(string? Note);
