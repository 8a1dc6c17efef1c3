namespace Lantern.Silo.Onnx;

/// <summary>Owns an <c>OrtSession</c>: a loaded model, shared by all threads that score with it.</summary>
internal sealed unsafe class OrtSessionHandle(OrtApi api, IntPtr handle) : OrtHandle(handle, api.ReleaseSession);
