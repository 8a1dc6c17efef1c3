namespace Lantern.Silo.Guard;

/// <summary>The guard vault's settings: how long anonymization maps live (<c>LANTERN_GUARD_VAULT_TTL_MINUTES</c>) and the key sealing them.</summary>
public sealed class GuardOptions
{
    public TimeSpan VaultTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>LANTERN_ENCRYPTION_KEY</c>: 64 hex characters (256 bits); when unset, a key derived from the salt.</summary>
    public string? EncryptionKey { get; set; }
}
