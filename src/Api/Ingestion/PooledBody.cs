using System.Buffers;

namespace Lantern.Api.Ingestion;

/// <summary>
/// A request body in an array rented from the shared pool: ingestion batches are hundreds of kilobytes, and a fresh array
/// for each (on the large object heap) made the runtime run full collections. <see cref="Release"/> gives the array back
/// once nothing reads the body any more; a body that is never released is simply collected. It is also where a journaled
/// batch is written (as an <see cref="IBufferWriter{T}"/>), for the same reason.
/// </summary>
public sealed class PooledBody : IBufferWriter<byte>
{
    private byte[] _array;

    public PooledBody(int capacity) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1));

    public int Length { get; private set; }

    public Memory<byte> Memory => _array.AsMemory(0, Length);

    /// <summary>Free room after the written bytes, grown (doubling, by copy) when there is none.</summary>
    public Memory<byte> FreeSpace()
    {
        if (Length == _array.Length)
        {
            Grow();
        }

        return _array.AsMemory(Length);
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(_array.Length * 2);
        _array.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var free = FreeSpace();
        while (free.Length < sizeHint)
        {
            Grow();
            free = FreeSpace();
        }

        return free;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Returns the array to the pool. Call only when no JSON document or event still refers to the body.</summary>
    public void Release()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }
}
