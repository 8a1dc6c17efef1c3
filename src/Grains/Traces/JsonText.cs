using System.Text;
using System.Text.Json;

namespace Lantern.Grains.Traces;

/// <summary>
/// Writes JSON to a string through a per-thread buffer and writer: trace grains serialise several small documents per
/// row they commit, and a fresh stream, writer and copy for each made up a large part of what ingestion allocated.
/// </summary>
internal static class JsonText
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The JSON <paramref name="write"/> produces.</summary>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = ThreadBuffer.Take();
        var writer = t_writer ?? new Utf8JsonWriter(buffer);
        t_writer = null;
        writer.Reset(buffer);
        try
        {
            write(writer, state);
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            // The writer holds its buffer until its next Reset: it is kept only with a buffer that is kept.
            t_writer = ThreadBuffer.Give(buffer) ? writer : null;
        }
    }
}
