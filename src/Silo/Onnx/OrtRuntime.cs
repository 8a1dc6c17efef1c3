using System.Runtime.InteropServices;

namespace Lantern.Silo.Onnx;

/// <summary>
/// The ONNX Runtime C library, loaded once per process from <c>LANTERN_ONNXRUNTIME_PATH</c>: checks the version,
/// reads the API table and creates the one <c>OrtEnv</c> that every session shares.
/// </summary>
public sealed unsafe class OrtRuntime
{
    public const string PathVariable = "LANTERN_ONNXRUNTIME_PATH";
    public const string SupportedVersion = "1.30";

    private const int LogLevelError = 3;
    private static readonly Lock Gate = new();
    private static OrtRuntime? _loaded;

    private OrtRuntime(string libraryPath, string version, OrtApi api, OrtEnvHandle env)
    {
        LibraryPath = libraryPath;
        Version = version;
        Api = api;
        Env = env;
    }

    public string LibraryPath { get; }

    /// <summary>ORT's own version string, e.g. <c>1.30.0</c>.</summary>
    public string Version { get; }

    internal OrtApi Api { get; }

    internal OrtEnvHandle Env { get; }

    /// <summary>Loads the library named by <see cref="PathVariable"/>.</summary>
    public static OrtRuntime LoadFromEnvironment() => Load(Environment.GetEnvironmentVariable(PathVariable));

    /// <summary>
    /// Loads the library at <paramref name="libraryPath"/>, or returns the runtime already loaded from it. ORT
    /// allows one environment per process, so a second, different path is refused.
    /// </summary>
    public static OrtRuntime Load(string? libraryPath)
    {
        if (string.IsNullOrWhiteSpace(libraryPath))
        {
            throw new OnnxUnavailableException(
                $"{PathVariable} is not set: run scripts/onnxruntime.sh (run.sh and test.sh source it) or point it at libonnxruntime.so.1 from ONNX Runtime {SupportedVersion}.x.");
        }
        var fullPath = Path.GetFullPath(libraryPath);
        if (!File.Exists(fullPath))
        {
            throw new OnnxUnavailableException($"ONNX Runtime library not found at {fullPath} ({PathVariable}): run scripts/onnxruntime.sh to fetch it.");
        }
        lock (Gate)
        {
            if (_loaded is not null)
            {
                return _loaded.LibraryPath == fullPath
                    ? _loaded
                    : throw new OnnxUnavailableException($"ONNX Runtime is already loaded from {_loaded.LibraryPath}; one process can use only one copy, not also {fullPath}.");
            }
            _loaded = Open(fullPath);
            return _loaded;
        }
    }

    private static OrtRuntime Open(string path)
    {
        IntPtr library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxUnavailableException($"ONNX Runtime library at {path} could not be loaded: {e.Message}", e);
        }
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxUnavailableException($"{path} is not ONNX Runtime: it has no OrtGetApiBase export.");
        }
        // OrtApiBase is { GetApi(uint32_t version), GetVersionString(void) }.
        var apiBase = (IntPtr*)((delegate* unmanaged<IntPtr>)getApiBase)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)apiBase[1])()) ?? "";
        if (!version.StartsWith(SupportedVersion + ".", StringComparison.Ordinal))
        {
            throw new OnnxUnavailableException($"ONNX Runtime at {path} is version {version}; Lantern's binding is written for {SupportedVersion}.x (scripts/onnxruntime.sh fetches it).");
        }
        var table = ((delegate* unmanaged<uint, IntPtr>)apiBase[0])(OrtApi.ApiVersion);
        if (table == IntPtr.Zero)
        {
            throw new OnnxUnavailableException($"ONNX Runtime {version} at {path} does not serve C API version {OrtApi.ApiVersion}.");
        }
        var api = new OrtApi(table);
        IntPtr env;
        var logId = "lantern\0"u8;
        fixed (byte* id = logId)
        {
            api.Check(api.CreateEnv(LogLevelError, id, &env));
        }
        return new OrtRuntime(path, version, api, new OrtEnvHandle(api, env));
    }
}
