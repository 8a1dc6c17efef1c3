namespace Lantern.Silo.Onnx;

/// <summary>Owns an <c>OrtSessionOptions</c>: the options a session is created with.</summary>
internal sealed unsafe class OrtSessionOptionsHandle(OrtApi api, IntPtr handle) : OrtHandle(handle, api.ReleaseSessionOptions);
