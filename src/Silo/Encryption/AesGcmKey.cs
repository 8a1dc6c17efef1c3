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

    // One cipher context per thread: creating one per call (key schedule, native context) cost more than sealing 1 KiB,
    // and an instance must not be used by two threads at once.
    private readonly ThreadLocal<AesGcm> _aes;

    public AesGcmKey(byte[] key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException("An encryption key must be 32 bytes (256 bits).", nameof(key));
        }

        _aes = new ThreadLocal<AesGcm>(() => new AesGcm(key, TagSize));
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
    }

    /// <summary>The first 8 hex characters of the key's SHA-256: names the key without revealing it.</summary>
    public string KeyId { get; }

    public static int SealedLength(int plaintextLength) => NonceSize + TagSize + plaintextLength;

    public static int PlaintextLength(int sealedLength) => sealedLength - NonceSize - TagSize;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[SealedLength(plaintext.Length)];
        Seal(plaintext, associatedData, sealedBytes);
        return sealedBytes;
    }

    /// <summary>Seals into <paramref name="destination"/>, which is <see cref="SealedLength"/> bytes long.</summary>
    public void Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        var nonce = destination[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        _aes.Value!.Encrypt(nonce, plaintext, destination[(NonceSize + TagSize)..], destination.Slice(NonceSize, TagSize), associatedData);
    }

    /// <summary>The plaintext; throws <see cref="AuthenticationTagMismatchException"/> when the bytes were changed or moved.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new AuthenticationTagMismatchException("The sealed value is shorter than a nonce and a tag.");
        }

        var plaintext = new byte[PlaintextLength(sealedBytes.Length)];
        _aes.Value!.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }
}
