using System.Runtime.InteropServices;

namespace Lantern.Silo.Onnx;

/// <summary>
/// Owns one ONNX Runtime object and releases it exactly once with its <c>Release*</c> function, even when the
/// owner forgets to dispose it (finalizer) or a run is in flight on another thread (SafeHandle ref counting).
/// </summary>
internal abstract unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged<IntPtr, void> _release;

    protected OrtHandle(IntPtr handle, delegate* unmanaged<IntPtr, void> release)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _release = release;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
