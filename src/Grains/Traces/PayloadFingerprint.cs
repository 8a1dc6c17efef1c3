using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lantern.Grains.Traces;

/// <summary>
/// A 128-bit digest of a JSON value that ignores formatting, string escaping and the order of object properties. A
/// trace grain keeps this instead of a committed input or output: enough to tell an SDK's resend of the same payload from
/// an attempt to rewrite it, without holding kilobytes of text per observation in memory.
/// </summary>
public static class PayloadFingerprint
{
    public static UInt128 Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Of(document.RootElement);
    }

    public static UInt128 Of(JsonElement value)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, value);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    private static void Append(IncrementalHash hash, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Tag(hash, 'o');
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    Text(hash, property.Name);
                    Append(hash, property.Value);
                }

                Tag(hash, 'e');
                break;
            case JsonValueKind.Array:
                Tag(hash, 'a');
                foreach (var item in value.EnumerateArray())
                {
                    Append(hash, item);
                }

                Tag(hash, 'e');
                break;
            case JsonValueKind.String:
                Tag(hash, 's');
                Text(hash, value.GetString()!);
                break;
            default:
                // Numbers, true, false and null: their literal text.
                Tag(hash, 'l');
                Text(hash, value.GetRawText());
                break;
        }
    }

    private static void Tag(IncrementalHash hash, char tag) => hash.AppendData([(byte)tag]);

    private static void Text(IncrementalHash hash, string text)
    {
        // Length-prefixed, so that no two different sequences of strings hash the same bytes.
        Span<byte> length = stackalloc byte[4];
        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
