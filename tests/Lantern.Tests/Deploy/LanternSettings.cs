using System.Text.RegularExpressions;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Deploy;

/// <summary>
/// The environment variables Lantern reads: those README's settings table documents and those the source reads by
/// name. A manifest setting outside this set is a typo the node would silently ignore.
/// </summary>
public static partial class LanternSettings
{
    // Read by .NET itself: the generic host takes DOTNET_-prefixed settings, and shutdownTimeoutSeconds bounds how
    // long hosted services (the silo's flush and lease hand-off) get on SIGTERM.
    private static readonly string[] Framework = ["DOTNET_SHUTDOWNTIMEOUTSECONDS"];

    public static IReadOnlySet<string> Known { get; } = Load();

    private static HashSet<string> Load()
    {
        var known = new HashSet<string>(Framework, StringComparer.Ordinal);
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"));
        foreach (var row in readme.Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            known.UnionWith(ReadmeName().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value));
        }

        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            known.UnionWith(SourceName().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));
        }

        return known;
    }

    [GeneratedRegex("`([A-Z][A-Z0-9_]+)`")]
    private static partial Regex ReadmeName();

    [GeneratedRegex("\"((?:LANTERN|LANGFUSE|ASPNETCORE|DOTNET)_[A-Z0-9_]+)\"")]
    private static partial Regex SourceName();
}
