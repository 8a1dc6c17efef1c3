using System.Diagnostics;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Deploy;

/// <summary>
/// Renders a kustomization with <c>kubectl kustomize</c>, exactly what <c>kubectl apply -k</c> would send. kubectl
/// is part of the machine image (its kustomize is v5); without it the tests fail saying so.
/// </summary>
public static class Kustomize
{
    public static string OverlayPath(string overlay) => Path.Combine(RepositoryRoot.Path, "deploy", "k8s", "overlays", overlay);

    public static async Task<string> RenderAsync(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", OverlayPath(overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("kubectl is not on PATH: the deploy tests render deploy/k8s with `kubectl kustomize`.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed:\n{await error}");
            return await output;
        }
    }
}
