using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Lantern.Silo.Encryption;

/// <summary>
/// Encrypts JSON payloads (input, output, metadata) into a JSON envelope that still fits their JSON columns:
/// <c>{"$lantern_enc": "v1.&lt;key id&gt;.&lt;base64 of nonce ‖ tag ‖ ciphertext&gt;"}</c>. Without a current key values pass
/// through unchanged; values stored before encryption was turned on (plain JSON) are read as they are.
/// </summary>
public sealed class PayloadCipher(KeyRing keys)
{
    public const string EnvelopeProperty = "$lantern_enc";
    private const string Version = "v1.";
    private const string Opening = "{\"" + EnvelopeProperty + "\":";

    /// <summary>Whether new payloads are encrypted (<c>LANTERN_ENCRYPTION_KEY</c> is set).</summary>
    public bool Enabled => keys.Current is not null;

    /// <summary>The key id new envelopes carry; null without a key.</summary>
    public string? CurrentKeyId => keys.Current?.KeyId;

    /// <summary>The envelope of <paramref name="json"/>, or <paramref name="json"/> itself without a key (or when null).</summary>
    public string? Encrypt(string? json, PayloadField field)
    {
        if (json is null || keys.Current is not { } key)
        {
            return json;
        }

        var plaintextLength = Encoding.UTF8.GetByteCount(json);
        var sealedLength = AesGcmKey.SealedLength(plaintextLength);
        var buffer = ArrayPool<byte>.Shared.Rent(plaintextLength + sealedLength);
        try
        {
            var plaintext = buffer.AsSpan(0, plaintextLength);
            Encoding.UTF8.GetBytes(json, plaintext);
            var sealedBytes = buffer.AsSpan(plaintextLength, sealedLength);
            key.Seal(plaintext, field.AssociatedData(), sealedBytes);
            // Base64 straight into the envelope string: a large payload's envelope is then allocated once, not twice.
            var head = $"{Opening}\"{Version}{key.KeyId}.";
            return string.Create(head.Length + (sealedLength + 2) / 3 * 4 + 2, (head, buffer, plaintextLength, sealedLength), static (chars, state) =>
            {
                state.head.CopyTo(chars);
                Convert.TryToBase64Chars(state.buffer.AsSpan(state.plaintextLength, state.sealedLength), chars[state.head.Length..^2], out _);
                "\"}".CopyTo(chars[^2..]);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>The JSON that was encrypted, or <paramref name="stored"/> itself when it is not an envelope.</summary>
    /// <exception cref="PayloadDecryptionException">The envelope's key is not configured, or it fails authentication.</exception>
    public string? Decrypt(string? stored, PayloadField field)
    {
        if (!TryEnvelope(stored, out var start, out var length))
        {
            return stored;
        }

        var value = stored.AsSpan(start, length);
        var versioned = value.StartsWith(Version, StringComparison.Ordinal) ? value[Version.Length..] : [];
        var dot = versioned.IndexOf('.');
        if (dot <= 0)
        {
            throw new PayloadDecryptionException($"The {field} is an encryption envelope of an unknown format (expected {Version}<key id>.<data>).");
        }

        var keyId = versioned[..dot].ToString();
        if (keys.Find(keyId) is not { } key)
        {
            throw new PayloadDecryptionException(
                $"The {field} was encrypted with key {keyId}, which is neither {EncryptionOptions.KeySetting} nor in {EncryptionOptions.PreviousKeysSetting}.");
        }

        var base64 = versioned[(dot + 1)..];
        var buffer = ArrayPool<byte>.Shared.Rent(base64.Length * 3 / 4 + 3);
        try
        {
            if (!Convert.TryFromBase64Chars(base64, buffer, out var written))
            {
                throw new FormatException("The envelope's data is not base64.");
            }

            return Encoding.UTF8.GetString(key.Open(buffer.AsSpan(0, written), field.AssociatedData()));
        }
        catch (Exception exception) when (exception is AuthenticationTagMismatchException or FormatException)
        {
            throw new PayloadDecryptionException($"The {field} failed authentication with key {keyId}: it was changed or copied from elsewhere.", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The key id of an envelope; null when <paramref name="stored"/> is plain JSON (or null).</summary>
    public static string? KeyIdOf(string? stored)
    {
        if (!TryEnvelope(stored, out var start, out var length))
        {
            return null;
        }

        var parts = stored.Substring(start, length).Split('.');
        return parts.Length == 3 ? parts[1] : null;
    }

    /// <summary>
    /// Whether <paramref name="stored"/> is exactly <c>{"$lantern_enc": "…"}</c> (as written, or as jsonb prints it), and where
    /// the string's characters are. Base64, dots and key ids need no JSON escapes, so a quote or backslash inside means it is not one.
    /// </summary>
    private static bool TryEnvelope([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? stored, out int start, out int length)
    {
        (start, length) = (0, 0);
        if (stored is null || !stored.StartsWith(Opening, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = stored.AsSpan(Opening.Length);
        var trimmed = rest.TrimStart(' ');
        if (!trimmed.StartsWith('"') || !trimmed.EndsWith("\"}", StringComparison.Ordinal) || trimmed.Length < 3)
        {
            return false;
        }

        start = Opening.Length + (rest.Length - trimmed.Length) + 1;
        length = trimmed.Length - 3;
        return stored.AsSpan(start, length).IndexOfAny('"', '\\') < 0;
    }
}
