namespace Lantern.Api.Auth;

/// <summary>The authenticated project of a request and what its key may do.</summary>
public sealed record ProjectAccess(string ProjectId, string PublicKey, AccessLevel Level);
