using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Lantern.Contracts.Ingestion;

/// <summary>
/// Property names of event bodies as shared strings. <see cref="JsonProperty.Name"/> makes a new string on every call, and
/// validation and the merge read a dozen names per event (the merge keeps them as dictionary keys): about 7 % of the bytes
/// ingestion allocated. Names are a small set in practice; the table is bounded, and a name past the bound, long or escaped
/// is simply made afresh.
/// </summary>
public static class PropertyNames
{
    private const int MaxNames = 4_096;
    private const int MaxLength = 64;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Shared.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int s_count;

    /// <summary>The property's name: one shared string per name while the table has room.</summary>
    public static string Of(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        Span<char> chars = stackalloc char[MaxLength];
        if (raw.Length > MaxLength || raw.Contains((byte)'\\') ||
            Utf8.ToUtf16(raw, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return property.Name;
        }

        var name = chars[..written];
        if (ByChars.TryGetValue(name, out var shared))
        {
            return shared;
        }

        var made = name.ToString();
        // Counted apart: ConcurrentDictionary.Count takes every lock, on the very path that unique metadata keys repeat.
        if (Volatile.Read(ref s_count) < MaxNames && Shared.TryAdd(made, made))
        {
            Interlocked.Increment(ref s_count);
        }

        return made;
    }
}
