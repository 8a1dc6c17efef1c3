using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lantern.Contracts.Ingestion;

/// <summary>
/// JSON may carry U+0000 and lone surrogates (<c>\u0000</c>, <c>\ud800</c>); PostgreSQL's text and jsonb cannot hold them,
/// and LLM output and tool results do contain them. One such event used to fail the group commit it shared with other
/// traces, and its SDK resent it for ever. Each such escape is replaced, in place, by <c>\ufffd</c> (the replacement
/// character): same length, so a body is rewritten without copying, and only when it has one.
/// </summary>
public static class StorableJson
{
    private static readonly byte[] Replacement = "\\ufffd"u8.ToArray();

    /// <summary>Replaces every escape PostgreSQL cannot store; returns how many there were.</summary>
    public static int ReplaceUnstorable(Span<byte> json)
    {
        var first = json.IndexOf("\\u"u8);
        if (first < 0)
        {
            return 0; // almost every body: one vectorised scan
        }

        // Back to the start of the run of backslashes, where an escape begins (a backslash appears only inside strings).
        while (first > 0 && json[first - 1] == '\\')
        {
            first--;
        }

        var replaced = 0;
        for (var i = first; (i = Next(json, i)) >= 0;)
        {
            var length = EscapeLength(json[i..], out var storable);
            if (!storable)
            {
                Replacement.CopyTo(json[i..]);
                replaced++;
            }

            i += length;
        }

        return replaced;
    }

    /// <summary>The JSON text with what PostgreSQL cannot store replaced; the same instance when there is nothing to replace.</summary>
    public static string Storable(string json)
    {
        if (!json.Contains("\\u", StringComparison.Ordinal))
        {
            return json;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        return ReplaceUnstorable(bytes) == 0 ? json : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The node as a document, with what PostgreSQL cannot store replaced (see <see cref="ReplaceUnstorable"/>).</summary>
    public static JsonDocument Parse(JsonNode node)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(node);
        ReplaceUnstorable(json);
        return JsonDocument.Parse(json);
    }

    private static int Next(ReadOnlySpan<byte> json, int from)
    {
        var offset = from < json.Length ? json[from..].IndexOf((byte)'\\') : -1;
        return offset < 0 ? -1 : from + offset;
    }

    // The length of the escape at the start of json: 2 for \n and its kind, 6 for \uXXXX, 12 for a surrogate pair.
    private static int EscapeLength(ReadOnlySpan<byte> json, out bool storable)
    {
        storable = true;
        if (json.Length < 6 || json[1] != 'u' || !TryHex(json.Slice(2, 4), out var code))
        {
            return Math.Min(2, json.Length); // another escape, or malformed JSON the parser will refuse
        }

        if (code is >= 0xD800 and <= 0xDBFF && json.Length >= 12 && json[6] == '\\' && json[7] == 'u' &&
            TryHex(json.Slice(8, 4), out var low) && low is >= 0xDC00 and <= 0xDFFF)
        {
            return 12;
        }

        storable = code is not (0 or (>= 0xD800 and <= 0xDFFF));
        return 6;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value) =>
        Utf8Parser.TryParse(digits, out value, out var consumed, 'X') && consumed == 4;
}
