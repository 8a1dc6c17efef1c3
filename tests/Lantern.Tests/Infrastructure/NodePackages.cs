using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Lantern.Tests.Infrastructure;

/// <summary>
/// Installs exact npm packages (the real SDKs) once per package list into a cache folder, so compatibility tests drive
/// the code users run. The cache is <c>$LANTERN_NODE_CACHE</c>, else <c>$XDG_CACHE_HOME/lantern-tests/npm</c> or
/// <c>~/.cache/lantern-tests/npm</c>; each list gets its own folder, completed atomically (installed in a staging folder,
/// then renamed), so parallel tests and interrupted runs never see a half-installed tree.
/// </summary>
public static class NodePackages
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>Installs <paramref name="packages"/> (e.g. <c>@langfuse/otel@5.11.1</c>) if needed; returns the folder holding <c>node_modules</c>.</summary>
    public static async Task<string> InstallAsync(params string[] packages)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', packages.Order(StringComparer.Ordinal)))))[..16];
        var folder = Path.Combine(CacheRoot(), key);
        var marker = Path.Combine(folder, ".installed");
        if (File.Exists(marker))
        {
            return folder;
        }

        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(marker))
            {
                return folder;
            }

            var staging = $"{folder}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}";
            Directory.CreateDirectory(staging);
            await File.WriteAllTextAsync(Path.Combine(staging, "package.json"), "{\"private\":true}\n");
            var (exitCode, output, errors) = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--save-exact", .. packages], staging, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
            if (exitCode != 0)
            {
                Directory.Delete(staging, recursive: true);
                throw new InvalidOperationException($"npm install {string.Join(' ', packages)} failed ({exitCode}); npm and the registry must be reachable:\n{output}{errors}");
            }

            await File.WriteAllTextAsync(Path.Combine(staging, ".installed"), string.Join('\n', packages) + "\n");
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (File.Exists(marker))
            {
                // Another test process finished the same install first.
                Directory.Delete(staging, recursive: true);
            }

            return folder;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <c>node script</c> with the packages of <paramref name="folder"/> resolvable; returns its exit code, stdout and stderr.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunNodeAsync(string folder, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout) =>
        RunAsync("node", [script], folder, new Dictionary<string, string>(environment) { ["NODE_PATH"] = Path.Combine(folder, "node_modules") }, timeout);

    private static string CacheRoot()
    {
        var configured = Environment.GetEnvironmentVariable("LANTERN_NODE_CACHE");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        cache = string.IsNullOrEmpty(cache) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : cache;
        return Path.Combine(cache, "lantern-tests", "npm");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}: {await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
