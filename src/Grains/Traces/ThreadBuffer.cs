using System.Buffers;

namespace Lantern.Grains.Traces;

/// <summary>
/// A per-thread byte buffer for the serialisers on the ingestion path (payload fingerprints, JSON columns), which run
/// several times per row committed: taking it avoids a fresh buffer each time. Taken while in use, so a nested use on the
/// same thread gets a buffer of its own; a buffer grown past 1 MiB by one huge document is not kept.
/// </summary>
internal static class ThreadBuffer
{
    private const int RetainedBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static ArrayBufferWriter<byte> Take()
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(4096);
        t_buffer = null;
        return buffer;
    }

    /// <summary>Hands the buffer back; false when it was too large to keep.</summary>
    public static bool Give(ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        if (buffer.Capacity > RetainedBytes)
        {
            return false;
        }

        t_buffer = buffer;
        return true;
    }
}
