namespace Lantern.Silo.Encryption;

/// <summary>Parses the hex keys of <c>LANTERN_ENCRYPTION_KEY</c> and <c>LANTERN_ENCRYPTION_PREVIOUS_KEYS</c>.</summary>
public static class EncryptionKeyText
{
    /// <summary>The 32 key bytes; null with the reason when the text is not 64 hex characters (the reason never echoes the text).</summary>
    public static byte[]? Parse(string text, string setting, out string? error)
    {
        error = null;
        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        error = $"{setting} must be 64 hex characters (256 bits), got {text.Length} characters. Generate one with: openssl rand -hex 32";
        return null;
    }

    /// <summary>The keys of a comma-separated list; null with the reason when one of them is malformed.</summary>
    public static List<byte[]>? ParseList(string? text, string setting, out string? error)
    {
        error = null;
        var keys = new List<byte[]>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Parse(item, setting, out _) is not { } key)
            {
                error = $"{setting} must be comma-separated keys of 64 hex characters (256 bits); one has {item.Length} characters.";
                return null;
            }

            keys.Add(key);
        }

        return keys;
    }
}
