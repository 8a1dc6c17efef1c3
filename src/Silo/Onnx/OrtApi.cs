using System.Runtime.InteropServices;

namespace Lantern.Silo.Onnx;

/// <summary>
/// The ONNX Runtime C API function table, read once from <c>OrtGetApiBase()->GetApi(30)</c>. Every function
/// that returns an <c>OrtStatus*</c> goes through <see cref="Check"/>, which turns a non-null status into an
/// <see cref="OnnxRuntimeException"/> carrying ORT's own message and releases the status.
/// </summary>
internal sealed unsafe class OrtApi
{
    /// <summary>The API version requested: ORT 1.30 serves API 30.</summary>
    public const uint ApiVersion = 30;

    public OrtApi(IntPtr table)
    {
        var slots = (IntPtr*)table;
        _getErrorCode = (delegate* unmanaged<IntPtr, int>)slots[OrtApiSlot.GetErrorCode];
        _getErrorMessage = (delegate* unmanaged<IntPtr, byte*>)slots[OrtApiSlot.GetErrorMessage];
        _releaseStatus = (delegate* unmanaged<IntPtr, void>)slots[OrtApiSlot.ReleaseStatus];
        CreateEnv = (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)slots[OrtApiSlot.CreateEnv];
        CreateSessionFromArray = (delegate* unmanaged<IntPtr, byte*, nuint, IntPtr, IntPtr*, IntPtr>)slots[OrtApiSlot.CreateSessionFromArray];
        Run = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr>)slots[OrtApiSlot.Run];
        CreateSessionOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slots[OrtApiSlot.CreateSessionOptions];
        SetSessionExecutionMode = (delegate* unmanaged<IntPtr, int, IntPtr>)slots[OrtApiSlot.SetSessionExecutionMode];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<IntPtr, int, IntPtr>)slots[OrtApiSlot.SetSessionGraphOptimizationLevel];
        SetIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)slots[OrtApiSlot.SetIntraOpNumThreads];
        SetInterOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)slots[OrtApiSlot.SetInterOpNumThreads];
        CreateTensorAsOrtValue = (delegate* unmanaged<IntPtr, long*, nuint, int, IntPtr*, IntPtr>)slots[OrtApiSlot.CreateTensorAsOrtValue];
        GetTensorMutableData = (delegate* unmanaged<IntPtr, void**, IntPtr>)slots[OrtApiSlot.GetTensorMutableData];
        FillStringTensor = (delegate* unmanaged<IntPtr, byte**, nuint, IntPtr>)slots[OrtApiSlot.FillStringTensor];
        GetTensorElementType = (delegate* unmanaged<IntPtr, int*, IntPtr>)slots[OrtApiSlot.GetTensorElementType];
        GetTensorShapeElementCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slots[OrtApiSlot.GetTensorShapeElementCount];
        GetTensorTypeAndShape = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)slots[OrtApiSlot.GetTensorTypeAndShape];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slots[OrtApiSlot.GetAllocatorWithDefaultOptions];
        ReleaseEnv = (delegate* unmanaged<IntPtr, void>)slots[OrtApiSlot.ReleaseEnv];
        ReleaseSession = (delegate* unmanaged<IntPtr, void>)slots[OrtApiSlot.ReleaseSession];
        ReleaseValue = (delegate* unmanaged<IntPtr, void>)slots[OrtApiSlot.ReleaseValue];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<IntPtr, void>)slots[OrtApiSlot.ReleaseTensorTypeAndShapeInfo];
        ReleaseSessionOptions = (delegate* unmanaged<IntPtr, void>)slots[OrtApiSlot.ReleaseSessionOptions];
        AllocatorFree = (delegate* unmanaged<IntPtr, void*, IntPtr>)slots[OrtApiSlot.AllocatorFree];
        SessionGetModelMetadata = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)slots[OrtApiSlot.SessionGetModelMetadata];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr>)slots[OrtApiSlot.ModelMetadataLookupCustomMetadataMap];
        ReleaseModelMetadata = (delegate* unmanaged<IntPtr, void>)slots[OrtApiSlot.ReleaseModelMetadata];
    }

    private readonly delegate* unmanaged<IntPtr, int> _getErrorCode;
    private readonly delegate* unmanaged<IntPtr, byte*> _getErrorMessage;
    private readonly delegate* unmanaged<IntPtr, void> _releaseStatus;

    public delegate* unmanaged<int, byte*, IntPtr*, IntPtr> CreateEnv { get; }
    public delegate* unmanaged<IntPtr, byte*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray { get; }
    public delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr> Run { get; }
    public delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions { get; }
    public delegate* unmanaged<IntPtr, int, IntPtr> SetSessionExecutionMode { get; }
    public delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel { get; }
    public delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads { get; }
    public delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads { get; }
    public delegate* unmanaged<IntPtr, long*, nuint, int, IntPtr*, IntPtr> CreateTensorAsOrtValue { get; }
    public delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData { get; }
    public delegate* unmanaged<IntPtr, byte**, nuint, IntPtr> FillStringTensor { get; }
    public delegate* unmanaged<IntPtr, int*, IntPtr> GetTensorElementType { get; }
    public delegate* unmanaged<IntPtr, nuint*, IntPtr> GetTensorShapeElementCount { get; }
    public delegate* unmanaged<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape { get; }
    public delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions { get; }
    public delegate* unmanaged<IntPtr, void> ReleaseEnv { get; }
    public delegate* unmanaged<IntPtr, void> ReleaseSession { get; }
    public delegate* unmanaged<IntPtr, void> ReleaseValue { get; }
    public delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo { get; }
    public delegate* unmanaged<IntPtr, void> ReleaseSessionOptions { get; }
    public delegate* unmanaged<IntPtr, void*, IntPtr> AllocatorFree { get; }
    public delegate* unmanaged<IntPtr, IntPtr*, IntPtr> SessionGetModelMetadata { get; }
    public delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr> ModelMetadataLookupCustomMetadataMap { get; }
    public delegate* unmanaged<IntPtr, void> ReleaseModelMetadata { get; }

    /// <summary>Throws ORT's error when <paramref name="status"/> is not null (success), releasing the status.</summary>
    public void Check(IntPtr status)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }
        var code = (OrtErrorCode)_getErrorCode(status);
        var message = Marshal.PtrToStringUTF8((IntPtr)_getErrorMessage(status)) ?? "";
        _releaseStatus(status);
        throw new OnnxRuntimeException(code, message);
    }
}
