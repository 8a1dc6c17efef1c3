namespace Lantern.Silo.Onnx;

/// <summary>An error reported by ONNX Runtime itself (a non-null <c>OrtStatus</c>), with ORT's code and message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode code, string message)
        : base($"ONNX Runtime error {code}: {message}")
    {
        Code = code;
    }

    public OrtErrorCode Code { get; }
}
