namespace Lantern.Silo.Onnx;

/// <summary>
/// Positions of the functions Lantern calls in the C API's <c>OrtApi</c> struct, a table of function pointers
/// counted from <c>onnxruntime_c_api.h</c>. The table is append-only across releases, so these stay valid for
/// the API version requested (<see cref="OrtApi.ApiVersion"/>).
/// </summary>
internal static class OrtApiSlot
{
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;
    public const int CreateEnv = 3;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;
    public const int CreateSessionOptions = 10;
    public const int SetSessionExecutionMode = 13;
    public const int SetSessionGraphOptimizationLevel = 23;
    public const int SetIntraOpNumThreads = 24;
    public const int SetInterOpNumThreads = 25;
    public const int CreateTensorAsOrtValue = 48;
    public const int GetTensorMutableData = 51;
    public const int FillStringTensor = 52;
    public const int GetTensorElementType = 60;
    public const int GetTensorShapeElementCount = 64;
    public const int GetTensorTypeAndShape = 65;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;
    public const int ReleaseEnv = 92;
    public const int ReleaseStatus = 93;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;
    public const int SessionGetModelMetadata = 111;
    public const int ModelMetadataLookupCustomMetadataMap = 116;
    public const int ReleaseModelMetadata = 118;
}
