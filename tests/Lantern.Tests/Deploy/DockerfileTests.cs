using System.Text.RegularExpressions;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Deploy;

/// <summary>
/// The image cannot be built here (no container engine), so these tests hold the Dockerfile to the facts it must
/// agree with: the pinned ONNX Runtime of scripts/onnxruntime.sh, and the user and port the manifests expect.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

    [Fact]
    public void The_image_pins_the_same_onnx_runtime_as_the_scripts_and_points_lantern_at_it()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scripts", "onnxruntime.sh"));

        Assert.Equal(Assignment(script, "ort_version"), Assignment(Dockerfile, "ARG ORT_VERSION"));
        Assert.Equal(Assignment(script, "ort_sha256"), Assignment(Dockerfile, "ARG ORT_SHA256"));
        var copied = Regex.Match(Dockerfile, @"COPY --from=onnxruntime \S+ (\S+)").Groups[1].Value;
        Assert.Equal(copied, Regex.Match(Dockerfile, @"LANTERN_ONNXRUNTIME_PATH=(\S+)").Groups[1].Value);
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build", Dockerfile);
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime", Dockerfile);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_image_runs_as_the_non_root_user_and_port_the_manifests_expect(string overlay)
    {
        var (manifests, _) = await Overlays.LoadAsync(overlay);
        var user = long.Parse(User().Match(Dockerfile).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var port = Regex.Match(Dockerfile, @"EXPOSE (\d+)").Groups[1].Value;

        Assert.NotEqual(0, user);
        Assert.Contains($":{port}", (string)manifests.Get("ConfigMap", "lantern-config")["data"]!["ASPNETCORE_URLS"]!, StringComparison.Ordinal);
        foreach (var workload in manifests.LanternWorkloads)
        {
            Assert.Equal(user, (long)RenderedManifests.PodSpec(workload)["securityContext"]!["runAsUser"]!);
            var container = Assert.Single(RenderedManifests.Containers(workload));
            Assert.Equal(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), (int)container["ports"]![0]!["containerPort"]!);
        }
    }

    [Fact]
    public void The_build_context_keeps_everything_the_dockerfile_copies()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        var copied = Regex.Matches(Dockerfile, @"^COPY (?!--from)(.+) \S+$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(' ')).Select(p => p.TrimEnd('/')).ToArray();

        Assert.Contains("src", copied);
        Assert.Contains("models", copied);
        Assert.DoesNotContain(copied, ignored.Contains);
        Assert.All(copied, p => Assert.True(Path.Exists(Path.Combine(RepositoryRoot.Path, p)), $"{p} is not in the repository"));
    }

    private static string Assignment(string text, string name) =>
        Regex.Match(text, $@"^{Regex.Escape(name)}=""?([^""\s]+)""?", RegexOptions.Multiline).Groups[1].Value is { Length: > 0 } value
            ? value
            : throw new Xunit.Sdk.XunitException($"{name}= not found");

    [GeneratedRegex(@"^USER (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex User();
}
