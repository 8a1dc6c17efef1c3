namespace Lantern.Silo.Projects;

/// <summary>A key as the admin API lists it: never the secret, only its display form.</summary>
public sealed record ApiKeySummary(string PublicKey, string DisplaySecretKey, string? Note, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    string Scope = ApiKeyScopes.Project, DateTimeOffset? ExpiresAt = null);
