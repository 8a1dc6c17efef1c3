using Lantern.Silo.Onnx;
using Lantern.Training.Export;
using Lantern.Training.Onnx;
using Google.Protobuf;

namespace Lantern.Tests.Onnx;

public sealed class OnnxErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lantern-onnx-").FullName;

    [Fact]
    public void A_missing_library_is_a_clear_error_naming_the_path_and_the_fix()
    {
        var path = Path.Combine(_dir, "libonnxruntime.so.1");
        var error = Assert.Throws<OnnxUnavailableException>(() => OrtRuntime.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/onnxruntime.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unset_library_path_names_the_variable()
    {
        var error = Assert.Throws<OnnxUnavailableException>(() => OrtRuntime.Load(null));
        Assert.Contains(OrtRuntime.PathVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_is_a_clear_error_naming_the_file()
    {
        var path = Path.Combine(_dir, "absent.onnx");
        var error = Assert.Throws<OnnxUnavailableException>(() => OnnxTextClassifier.Load(ShippedModels.Runtime, path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_model_bytes_surface_onnx_runtimes_own_message()
    {
        var path = Path.Combine(_dir, "garbage.onnx");
        File.WriteAllText(path, "this is not a protobuf model");
        var error = Assert.Throws<OnnxUnavailableException>(() => OnnxTextClassifier.Load(ShippedModels.Runtime, path));
        var ort = Assert.IsType<OnnxRuntimeException>(error.InnerException);
        Assert.Equal(OrtErrorCode.InvalidProtobuf, ort.Code);
        Assert.Contains(ort.Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_the_probability_contract_is_refused()
    {
        // Valid ONNX, but it returns the text itself instead of a float per text.
        var graph = new GraphProto { Name = "echo" };
        graph.Input.Add(OnnxGraphBuilder.Value("text", TensorProto.Types.DataType.String, [null]));
        graph.Output.Add(OnnxGraphBuilder.Value("probability", TensorProto.Types.DataType.String, [null]));
        graph.Node.Add(OnnxGraphBuilder.Node("Identity", "echo", ["text"], ["probability"]));
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        var path = Path.Combine(_dir, "echo.onnx");
        File.WriteAllBytes(path, model.ToByteArray());

        var error = Assert.Throws<OnnxUnavailableException>(() => OnnxTextClassifier.Load(ShippedModels.Runtime, path));
        Assert.Contains("one probability per text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_input_name_surfaces_onnx_runtimes_message()
    {
        using var session = new OrtSession(ShippedModels.Runtime, File.ReadAllBytes(ShippedModels.PathOf("toxicity")), "prompt", OnnxTextClassifier.OutputName);
        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(["hello"], new float[1]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
        Assert.Contains("prompt", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
