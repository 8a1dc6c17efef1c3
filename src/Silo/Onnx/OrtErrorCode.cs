namespace Lantern.Silo.Onnx;

/// <summary>ONNX Runtime's error codes (<c>OrtErrorCode</c> in the C API), carried by <see cref="OnnxRuntimeException"/>.</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    ExecutionProviderFail = 11,
}
