namespace Lantern.Silo.Onnx;

/// <summary>
/// ONNX scoring cannot start: the runtime library or a model is missing, unreadable or the wrong version. The
/// message says what to fix; callers disable the evaluators and carry on.
/// </summary>
public sealed class OnnxUnavailableException : Exception
{
    public OnnxUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
