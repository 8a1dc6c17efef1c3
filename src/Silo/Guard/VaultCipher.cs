using System.Security.Cryptography;
using System.Text;

namespace Lantern.Silo.Guard;

/// <summary>
/// AES-256-GCM for vault entries: a fresh 96-bit nonce per entry, and the entry's id and project bound in as associated
/// data, so a sealed map copied to another row or project does not open. The key id (a hash prefix of the key) tells which
/// key sealed an entry, so a rotated key reports "sealed with another key" instead of a bare authentication failure.
/// </summary>
public sealed class VaultCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public VaultCipher(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The vault key must be 32 bytes (256 bits).", nameof(key));
        }

        _key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
    }

    public string KeyId { get; }

    /// <summary>Parses <c>LANTERN_ENCRYPTION_KEY</c>; null with the reason when it is not 64 hex characters.</summary>
    public static byte[]? ParseKey(string text, out string? error)
    {
        error = null;
        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        error = $"LANTERN_ENCRYPTION_KEY must be 64 hex characters (256 bits), got {text.Length} characters. Generate one with: openssl rand -hex 32";
        return null;
    }

    public byte[] Seal(byte[] plaintext, Guid id, string projectId)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(id, projectId));
        return sealedBytes;
    }

    /// <summary>The plaintext; throws <see cref="AuthenticationTagMismatchException"/> when the bytes were changed or moved.</summary>
    public byte[] Open(byte[] sealedBytes, Guid id, string projectId)
    {
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext,
            AssociatedData(id, projectId));
        return plaintext;
    }

    private static byte[] AssociatedData(Guid id, string projectId) => Encoding.UTF8.GetBytes($"{id:N}\n{projectId}");
}
