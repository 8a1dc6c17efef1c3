using System.Runtime.InteropServices;
using System.Text;

namespace Lantern.Silo.Onnx;

/// <summary>
/// One loaded model with a string input and a float output, run from many threads at once (ORT's
/// <c>Run</c> is thread-safe on a shared session). Each run uses one intra-op thread: scoring is parallel
/// across calls, not inside one.
/// </summary>
internal sealed unsafe class OrtSession : IDisposable
{
    private const int ElementTypeFloat = 1;
    private const int ElementTypeString = 8;
    private const int SequentialExecution = 0;
    private const int EnableAllOptimizations = 99;

    private readonly OrtApi _api;
    private readonly OrtSessionHandle _session;
    private readonly IntPtr _allocator;
    // Managed, NUL-terminated UTF-8, pinned per run: nothing native to free while another thread may still run.
    private readonly byte[] _inputName;
    private readonly byte[] _outputName;

    public OrtSession(OrtRuntime runtime, byte[] model, string inputName, string outputName)
    {
        _api = runtime.Api;
        IntPtr options;
        _api.Check(_api.CreateSessionOptions(&options));
        using var optionsHandle = new OrtSessionOptionsHandle(_api, options);
        _api.Check(_api.SetIntraOpNumThreads(options, 1));
        _api.Check(_api.SetInterOpNumThreads(options, 1));
        _api.Check(_api.SetSessionExecutionMode(options, SequentialExecution));
        _api.Check(_api.SetSessionGraphOptimizationLevel(options, EnableAllOptimizations));
        IntPtr session;
        fixed (byte* bytes = model)
        {
            _api.Check(_api.CreateSessionFromArray(runtime.Env.DangerousGetHandle(), bytes, (nuint)model.Length, options, &session));
        }
        _session = new OrtSessionHandle(_api, session);
        IntPtr allocator;
        _api.Check(_api.GetAllocatorWithDefaultOptions(&allocator));
        _allocator = allocator;
        _inputName = Encoding.UTF8.GetBytes(inputName + "\0");
        _outputName = Encoding.UTF8.GetBytes(outputName + "\0");
    }

    /// <summary>Runs the model on <paramref name="texts"/> (shape [N]) and copies its N floats into <paramref name="output"/>.</summary>
    public void Run(IReadOnlyList<string> texts, Span<float> output)
    {
        using var strings = new Utf8StringArray(texts);
        long length = texts.Count;
        IntPtr input;
        _api.Check(_api.CreateTensorAsOrtValue(_allocator, &length, 1, ElementTypeString, &input));
        using var inputHandle = new OrtValueHandle(_api, input);
        _api.Check(_api.FillStringTensor(input, strings.Pointers, (nuint)texts.Count));

        var addedRef = false;
        var result = IntPtr.Zero;
        try
        {
            _session.DangerousAddRef(ref addedRef);
            fixed (byte* inputName = _inputName, outputName = _outputName)
            {
                var inputNames = inputName;
                var outputNames = outputName;
                _api.Check(_api.Run(_session.DangerousGetHandle(), IntPtr.Zero, &inputNames, &input, 1, &outputNames, 1, &result));
            }
        }
        finally
        {
            if (addedRef)
            {
                _session.DangerousRelease();
            }
        }
        using var resultHandle = new OrtValueHandle(_api, result);
        CheckShape(result, texts.Count);
        float* data;
        _api.Check(_api.GetTensorMutableData(result, (void**)&data));
        new ReadOnlySpan<float>(data, texts.Count).CopyTo(output);
    }

    /// <summary>A value from the model's <c>metadata_props</c>, or null when the model does not carry the key.</summary>
    public string? Metadata(string key)
    {
        IntPtr metadata;
        _api.Check(_api.SessionGetModelMetadata(_session.DangerousGetHandle(), &metadata));
        var keyBytes = Marshal.StringToCoTaskMemUTF8(key);
        try
        {
            byte* value;
            _api.Check(_api.ModelMetadataLookupCustomMetadataMap(metadata, _allocator, (byte*)keyBytes, &value));
            if (value == null)
            {
                return null;
            }
            var result = Marshal.PtrToStringUTF8((IntPtr)value);
            _api.Check(_api.AllocatorFree(_allocator, value));
            return result;
        }
        finally
        {
            Marshal.FreeCoTaskMem(keyBytes);
            _api.ReleaseModelMetadata(metadata);
        }
    }

    public void Dispose() => _session.Dispose();

    private void CheckShape(IntPtr value, int expected)
    {
        IntPtr info;
        _api.Check(_api.GetTensorTypeAndShape(value, &info));
        int type;
        nuint count;
        try
        {
            _api.Check(_api.GetTensorElementType(info, &type));
            _api.Check(_api.GetTensorShapeElementCount(info, &count));
        }
        finally
        {
            _api.ReleaseTensorTypeAndShapeInfo(info);
        }
        if (type != ElementTypeFloat || count != (nuint)expected)
        {
            throw new InvalidOperationException(
                $"The model's output must be {expected} floats (one probability per text); it returned {count} values of ONNX element type {type}.");
        }
    }
}
