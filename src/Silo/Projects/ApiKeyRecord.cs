namespace Lantern.Silo.Projects;

/// <summary>A stored key pair as authentication needs it: never the secret itself, only its keyed hash.</summary>
public sealed record ApiKeyRecord(string ProjectId, string PublicKey, string SecretHash, string Scope, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
