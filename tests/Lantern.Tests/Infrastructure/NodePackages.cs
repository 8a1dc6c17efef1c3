using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Lantern.Tests.Infrastructure;

/// <summary>
/// Installs real npm packages (the Langfuse SDKs) into a folder cached per package list, and runs node scripts against
/// them. Compatibility tests use the SDKs exactly as applications do.
/// </summary>
public static class NodePackages
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Installs = new(StringComparer.Ordinal);

    /// <summary>The folder whose node_modules holds <paramref name="packages"/> (e.g. <c>langfuse@3.39.2</c>).</summary>
    public static Task<string> InstallAsync(params string[] packages)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', packages.Order(StringComparer.Ordinal)))))[..16];
        return Installs.GetOrAdd(key, _ => new Lazy<Task<string>>(() => InstallIntoAsync(key, packages))).Value;
    }

    /// <summary>Runs a node script from tests/Lantern.Tests/Compat/scripts with the packages' folder as its module path.</summary>
    public static Task<string> RunScriptAsync(string packagesDir, string script, IReadOnlyDictionary<string, string> environment) =>
        RunScriptAsync(packagesDir, "Compat", script, environment);

    /// <summary>Runs a node script from tests/Lantern.Tests/<paramref name="folder"/>/scripts, as above.</summary>
    public static async Task<string> RunScriptAsync(string packagesDir, string folder, string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepositoryRoot.Path, "tests", "Lantern.Tests", folder, "scripts", script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = packagesDir,
        };
        start.Environment["NODE_PATH"] = Path.Combine(packagesDir, "node_modules");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var (exitCode, output) = await RunAsync(start, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"node {script} failed ({exitCode}):\n{output}");
        return output;
    }

    private static async Task<string> InstallIntoAsync(string key, string[] packages)
    {
        var root = Environment.GetEnvironmentVariable("LANTERN_NPM_CACHE_DIR")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "lantern-tests", "npm");
        var dir = Path.Combine(root, key);
        var marker = Path.Combine(dir, ".installed");
        if (File.Exists(marker))
        {
            return dir;
        }

        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "package.json"), "{\"private\":true}");
        var start = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", .. packages])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        var (exitCode, output) = await RunAsync(start, TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"npm install {string.Join(' ', packages)} failed:\n{output}");
        await File.WriteAllTextAsync(marker, string.Join('\n', packages));
        return dir;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}: {await output}{await error}");
        }

        return (process.ExitCode, await output + await error);
    }
}
