using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lantern.Grains.Pii;

/// <summary>
/// Replaces detected values in text and in JSON. JSON keeps its shape: only string values change (and numbers that are card
/// numbers, which become token strings), never property names or structure. Hashes are HMAC-SHA256 under a node secret, so they cannot be reversed by hashing guesses
/// without the key, and equal values (after normalising case and separators) give equal tokens.
/// </summary>
public sealed class PiiMasker(byte[] hashKey)
{
    /// <summary>The text with every finding replaced, or the same instance when there is none.</summary>
    public string Mask(string text, PiiPolicy policy)
    {
        if (!policy.IsActive)
        {
            return text;
        }

        var found = PiiDetector.Find(text, policy.Kinds, policy.Lists);
        if (found.Count == 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var match in found)
        {
            masked.Append(text, at, match.Index - at).Append(Token(text.AsSpan(match.Index, match.Length), match.Kind, policy.Mode));
            at = match.End;
        }

        return masked.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Writes the value with its strings masked; returns whether anything changed.</summary>
    public bool WriteMasked(JsonElement value, PiiPolicy policy, Utf8JsonWriter writer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                var masked = Mask(text, policy);
                writer.WriteStringValue(masked);
                return !ReferenceEquals(masked, text);
            case JsonValueKind.Object:
                var objectChanged = false;
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    objectChanged |= WriteMasked(property.Value, policy, writer);
                }

                writer.WriteEndObject();
                return objectChanged;
            case JsonValueKind.Array:
                var arrayChanged = false;
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    arrayChanged |= WriteMasked(item, policy, writer);
                }

                writer.WriteEndArray();
                return arrayChanged;
            case JsonValueKind.Number when value.GetRawText() is { Length: >= 13 } digits && Mask(digits, policy) is var number && number != digits:
                // A card number sent as a JSON number (OTLP attribute values are parsed) is still a card number.
                writer.WriteStringValue(number);
                return true;
            default:
                value.WriteTo(writer);
                return false;
        }
    }

    private string Token(ReadOnlySpan<char> value, PiiKind kind, PiiMode mode)
    {
        var label = PiiLabels.Of(kind);
        if (mode != PiiMode.Hash)
        {
            return $"[{label}]";
        }

        var normal = new StringBuilder(value.Length + label.Length + 1).Append(label).Append(':');
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || (kind == PiiKind.Person && char.IsLetter(c)) || (kind is PiiKind.Email or PiiKind.ApiKey or PiiKind.PrivateKey or PiiKind.IpAddress && !char.IsWhiteSpace(c)))
            {
                normal.Append(kind == PiiKind.Email ? char.ToLowerInvariant(c) : c);
            }
        }

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(normal.ToString()), hash);
        return $"[{label}:{Convert.ToHexStringLower(hash[..6])}]";
    }
}
