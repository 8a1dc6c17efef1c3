using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Lantern.Silo.Onnx;

/// <summary>
/// Texts as the C API's <c>const char* const*</c>: NUL-terminated UTF-8 in one pinned, pooled buffer. A NUL
/// inside a text would end it early for ORT (hiding whatever follows from the model), so it becomes a space.
/// </summary>
internal sealed unsafe class Utf8StringArray : IDisposable
{
    private readonly byte[] _bytes;
    private readonly IntPtr[] _pointers;
    private GCHandle _bytesPin;
    private GCHandle _pointersPin;

    public Utf8StringArray(IReadOnlyList<string> texts)
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += Encoding.UTF8.GetByteCount(text) + 1;
        }
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
        _pointers = ArrayPool<IntPtr>.Shared.Rent(Math.Max(texts.Count, 1));
        _bytesPin = GCHandle.Alloc(_bytes, GCHandleType.Pinned);
        _pointersPin = GCHandle.Alloc(_pointers, GCHandleType.Pinned);
        var start = (byte*)_bytesPin.AddrOfPinnedObject();
        var offset = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var written = Encoding.UTF8.GetBytes(texts[i], _bytes.AsSpan(offset));
            _bytes.AsSpan(offset, written).Replace((byte)0, (byte)' ');
            _bytes[offset + written] = 0;
            _pointers[i] = (IntPtr)(start + offset);
            offset += written + 1;
        }
    }

    public byte** Pointers => (byte**)_pointersPin.AddrOfPinnedObject();

    public void Dispose()
    {
        _bytesPin.Free();
        _pointersPin.Free();
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<IntPtr>.Shared.Return(_pointers);
    }
}
