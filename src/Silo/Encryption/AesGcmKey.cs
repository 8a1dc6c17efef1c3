using System.Security.Cryptography;

namespace Lantern.Silo.Encryption;

/// <summary>
/// One AES-256-GCM key: a fresh 96-bit nonce per seal, the caller's associated data bound in (so a sealed value copied to
/// another row, column or project does not open), and a key id (a hash prefix of the key) that tells which key sealed a
/// value, so rotation can find the right key and a missing key is reported as such instead of a bare authentication failure.
/// Sealed layout: nonce (12) ‖ tag (16) ‖ ciphertext.
/// </summary>
public sealed class AesGcmKey
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public AesGcmKey(byte[] key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException("An encryption key must be 32 bytes (256 bits).", nameof(key));
        }

        _key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
    }

    /// <summary>The first 8 hex characters of the key's SHA-256: names the key without revealing it.</summary>
    public string KeyId { get; }

    public static int SealedLength(int plaintextLength) => NonceSize + TagSize + plaintextLength;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[SealedLength(plaintext.Length)];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), associatedData);
        return sealedBytes;
    }

    /// <summary>The plaintext; throws <see cref="AuthenticationTagMismatchException"/> when the bytes were changed or moved.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new AuthenticationTagMismatchException("The sealed value is shorter than a nonce and a tag.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }
}
