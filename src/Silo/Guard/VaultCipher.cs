using System.Security.Cryptography;
using System.Text;
using Lantern.Silo.Encryption;

namespace Lantern.Silo.Guard;

/// <summary>
/// Seals vault entries with the current key and opens them with whichever key sealed them. The entry's id and project are
/// bound in as associated data, so a sealed map copied to another row or project does not open.
/// </summary>
public sealed class VaultCipher(KeyRing keys)
{
    /// <summary>
    /// The vault's keys: <c>LANTERN_ENCRYPTION_KEY</c> and the previous keys, or without a key one derived from the salt (sealed
    /// at rest, but one secret guards both). The salt-derived key stays readable after a key is set, for entries sealed before.
    /// </summary>
    public static VaultCipher Create(EncryptionOptions options, string? salt)
    {
        var payload = options.PayloadKeys();
        var derived = salt is null ? null : new AesGcmKey(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), "lantern-guard-vault"u8));
        var previous = EncryptionKeyText.ParseList(options.PreviousKeys, EncryptionOptions.PreviousKeysSetting, out _)!
            .Select(k => new AesGcmKey(k)).Append(derived).OfType<AesGcmKey>();
        return new VaultCipher(new KeyRing(payload.Current ?? derived ?? throw new ArgumentException("The vault needs a key or a salt."), previous));
    }

    public string KeyId => keys.Current!.KeyId;

    public byte[] Seal(byte[] plaintext, Guid id, string projectId) => keys.Current!.Seal(plaintext, AssociatedData(id, projectId));

    /// <summary>
    /// The plaintext, or null when the key that sealed it is not configured; throws <see cref="AuthenticationTagMismatchException"/>
    /// when the bytes were changed or moved.
    /// </summary>
    public byte[]? Open(string keyId, byte[] sealedBytes, Guid id, string projectId) =>
        keys.Find(keyId)?.Open(sealedBytes, AssociatedData(id, projectId));

    private static byte[] AssociatedData(Guid id, string projectId) => Encoding.UTF8.GetBytes($"{id:N}\n{projectId}");
}
