namespace Lantern.Silo.Encryption;

/// <summary>Encryption at rest: the current key and the keys kept for opening what they sealed until a rotation is done.</summary>
public sealed class EncryptionOptions
{
    public const string KeySetting = "LANTERN_ENCRYPTION_KEY";
    public const string PreviousKeysSetting = "LANTERN_ENCRYPTION_PREVIOUS_KEYS";

    /// <summary><c>LANTERN_ENCRYPTION_KEY</c>: 64 hex characters (256 bits), or null (payloads stored in plaintext).</summary>
    public string? Key { get; set; }

    /// <summary><c>LANTERN_ENCRYPTION_PREVIOUS_KEYS</c>: comma-separated keys used only to open values they sealed.</summary>
    public string? PreviousKeys { get; set; }

    public static EncryptionOptions Read(Microsoft.Extensions.Configuration.IConfiguration configuration) => new()
    {
        Key = configuration[KeySetting] is { Length: > 0 } key ? key.Trim() : null,
        PreviousKeys = configuration[PreviousKeysSetting],
    };

    /// <summary>Why these settings cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        if (Key is not null && EncryptionKeyText.Parse(Key, KeySetting, out var error) is null)
        {
            return error;
        }

        EncryptionKeyText.ParseList(PreviousKeys, PreviousKeysSetting, out var listError);
        return listError;
    }

    /// <summary>The payload keys: none current without <c>LANTERN_ENCRYPTION_KEY</c>. Call only when <see cref="Problem"/> is null.</summary>
    public KeyRing PayloadKeys() => new(
        Key is null ? null : new AesGcmKey(EncryptionKeyText.Parse(Key, KeySetting, out _)!),
        EncryptionKeyText.ParseList(PreviousKeys, PreviousKeysSetting, out _)!.Select(k => new AesGcmKey(k)));
}
