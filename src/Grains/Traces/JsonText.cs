using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Lantern.Grains.Traces;

/// <summary>
/// Writes JSON to a string through a per-thread buffer and writer: trace grains serialise several small documents per
/// row they commit, and a fresh stream, writer and copy for each made up a large part of what ingestion allocated.
/// </summary>
internal static class JsonText
{
    private const int RetainedBufferBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The JSON <paramref name="write"/> produces. It must not call <see cref="Write{TState}"/> itself.</summary>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        try
        {
            write(writer, state);
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > RetainedBufferBytes)
            {
                (t_buffer, t_writer) = (null, null); // one huge document must not pin its buffer on this thread
            }
        }
    }
}
