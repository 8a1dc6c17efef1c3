namespace Lantern.Silo.Onnx;

/// <summary>Owns an <c>OrtEnv</c>: the process-wide ORT environment (logging, default thread pools).</summary>
internal sealed unsafe class OrtEnvHandle(OrtApi api, IntPtr handle) : OrtHandle(handle, api.ReleaseEnv);
