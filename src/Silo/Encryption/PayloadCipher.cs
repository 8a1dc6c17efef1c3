using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lantern.Silo.Encryption;

/// <summary>
/// Encrypts JSON payloads (input, output, metadata) into a JSON envelope that still fits their jsonb columns:
/// <c>{"$lantern_enc": "v1.&lt;key id&gt;.&lt;base64 of nonce ‖ tag ‖ ciphertext&gt;"}</c>. Without a current key values pass
/// through unchanged; values stored before encryption was turned on (plain JSON) are read as they are.
/// </summary>
public sealed class PayloadCipher(KeyRing keys)
{
    public const string EnvelopeProperty = "$lantern_enc";
    private const string Version = "v1";

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

        var sealedBytes = key.Seal(Encoding.UTF8.GetBytes(json), field.AssociatedData());
        return $"{{\"{EnvelopeProperty}\":\"{Version}.{key.KeyId}.{Convert.ToBase64String(sealedBytes)}\"}}";
    }

    /// <summary>The JSON that was encrypted, or <paramref name="stored"/> itself when it is not an envelope.</summary>
    /// <exception cref="PayloadDecryptionException">The envelope's key is not configured, or it fails authentication.</exception>
    public string? Decrypt(string? stored, PayloadField field)
    {
        if (EnvelopeText(stored) is not { } text)
        {
            return stored;
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new PayloadDecryptionException($"The {field} is an encryption envelope of an unknown format (expected {Version}.<key id>.<data>).");
        }

        if (keys.Find(parts[1]) is not { } key)
        {
            throw new PayloadDecryptionException(
                $"The {field} was encrypted with key {parts[1]}, which is neither {EncryptionOptions.KeySetting} nor in {EncryptionOptions.PreviousKeysSetting}.");
        }

        try
        {
            return Encoding.UTF8.GetString(key.Open(Convert.FromBase64String(parts[2]), field.AssociatedData()));
        }
        catch (Exception exception) when (exception is AuthenticationTagMismatchException or FormatException)
        {
            throw new PayloadDecryptionException($"The {field} failed authentication with key {parts[1]}: it was changed or copied from elsewhere.", exception);
        }
    }

    /// <summary>The key id of an envelope; null when <paramref name="stored"/> is plain JSON (or null).</summary>
    public static string? KeyIdOf(string? stored) => EnvelopeText(stored)?.Split('.') is [_, var keyId, ..] ? keyId : null;

    /// <summary>The envelope's string when <paramref name="stored"/> is exactly <c>{"$lantern_enc": "…"}</c>, else null.</summary>
    private static string? EnvelopeText(string? stored)
    {
        // Cheap test first: almost every payload is plain JSON, and jsonb prints an object as {"key": …}.
        if (stored is null || !stored.StartsWith("{\"" + EnvelopeProperty + "\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var document = JsonDocument.Parse(stored);
        var root = document.RootElement;
        return root.EnumerateObject().Count() == 1 && root.GetProperty(EnvelopeProperty) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;
    }
}
