namespace Lantern.Silo.Onnx;

/// <summary>Owns an <c>OrtValue</c>: a tensor passed to or returned from a run.</summary>
internal sealed unsafe class OrtValueHandle(OrtApi api, IntPtr handle) : OrtHandle(handle, api.ReleaseValue);
