namespace Lantern.Silo.Guard;

/// <summary>The guard vault's settings: how long anonymization maps live (<c>LANTERN_GUARD_VAULT_TTL_MINUTES</c>); its keys come from <see cref="Encryption.EncryptionOptions"/>.</summary>
public sealed class GuardOptions
{
    public TimeSpan VaultTtl { get; set; } = TimeSpan.FromHours(1);
}
