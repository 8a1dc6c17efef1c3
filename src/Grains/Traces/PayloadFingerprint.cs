using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Lantern.Grains.Traces;

/// <summary>
/// A 128-bit digest of a JSON value that ignores formatting, string escaping and the order of object properties. A
/// trace grain keeps this instead of a committed input or output: enough to tell an SDK's resend of the same payload from
/// an attempt to rewrite it, without holding kilobytes of text per observation in memory.
/// </summary>
/// <remarks>
/// The value is written in a canonical form (tags, length-prefixed unescaped UTF-8 strings, properties ordered by their
/// unescaped UTF-8 names) into a <see cref="ThreadBuffer"/> and hashed once: ingestion fingerprints every payload it stores, so
/// this avoids a string per JSON string and a hash call per token. The hash is XXH128, not a cryptographic one: a collision
/// could only hide a rewrite from the rewrite counter, never apply one (written payloads are never changed), and SHA-256
/// was 5 % of the node's CPU under load. Fingerprints live in memory only, so the algorithm can change between versions.
/// </remarks>
public static class PayloadFingerprint
{
    private static readonly Comparer<JsonProperty> ByUnescapedName =
        Comparer<JsonProperty>.Create((a, b) => Name(a).SequenceCompareTo(Name(b)));

    public static UInt128 Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Of(document.RootElement);
    }

    public static UInt128 Of(JsonElement value)
    {
        var canonical = ThreadBuffer.Take();
        try
        {
            Append(canonical, value);
            return XxHash128.HashToUInt128(canonical.WrittenSpan);
        }
        finally
        {
            ThreadBuffer.Give(canonical);
        }
    }

    private static void Append(ArrayBufferWriter<byte> canonical, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Tag(canonical, 'o');
                var properties = ArrayPool<JsonProperty>.Shared.Rent(value.GetPropertyCount());
                var count = 0;
                foreach (var property in value.EnumerateObject())
                {
                    properties[count++] = property;
                }

                Array.Sort(properties, 0, count, ByUnescapedName);
                foreach (var property in properties.AsSpan(0, count))
                {
                    Text(canonical, Name(property));
                    Append(canonical, property.Value);
                }

                ArrayPool<JsonProperty>.Shared.Return(properties, clearArray: true);
                Tag(canonical, 'e');
                break;
            case JsonValueKind.Array:
                Tag(canonical, 'a');
                foreach (var item in value.EnumerateArray())
                {
                    Append(canonical, item);
                }

                Tag(canonical, 'e');
                break;
            case JsonValueKind.String:
                Tag(canonical, 's');
                UnescapedString(canonical, JsonMarshal.GetRawUtf8Value(value));
                break;
            default:
                // Numbers, true, false and null: their literal text.
                Tag(canonical, 'l');
                Text(canonical, JsonMarshal.GetRawUtf8Value(value));
                break;
        }
    }

    // Names rarely hold escapes; only those pay for a decoded copy.
    private static ReadOnlySpan<byte> Name(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(property.Name) : raw;
    }

    private static void UnescapedString(ArrayBufferWriter<byte> canonical, ReadOnlySpan<byte> quoted)
    {
        if (!quoted.Contains((byte)'\\'))
        {
            Text(canonical, quoted[1..^1]);
            return;
        }

        // Unescaping never lengthens a string: decode straight into the buffer after room for the length prefix.
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        var span = canonical.GetSpan(sizeof(int) + quoted.Length);
        var length = reader.CopyString(span[sizeof(int)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        canonical.Advance(sizeof(int) + length);
    }

    private static void Tag(ArrayBufferWriter<byte> canonical, char tag)
    {
        canonical.GetSpan(1)[0] = (byte)tag;
        canonical.Advance(1);
    }

    // Length-prefixed, so that no two different sequences of strings give the same bytes.
    private static void Text(ArrayBufferWriter<byte> canonical, ReadOnlySpan<byte> utf8)
    {
        var span = canonical.GetSpan(sizeof(int) + utf8.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, utf8.Length);
        utf8.CopyTo(span[sizeof(int)..]);
        canonical.Advance(sizeof(int) + utf8.Length);
    }
}
