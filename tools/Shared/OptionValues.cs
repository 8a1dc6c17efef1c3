using System.Globalization;

namespace Lantern.Tools;

/// <summary>A benchmark's <c>--name value</c> command line, read with errors that name the option (shared by the benchmarks).</summary>
internal static class OptionValues
{
    /// <summary>The options by name (without <c>--</c>), or null with the error when an argument is not a pair.</summary>
    public static Dictionary<string, string>? Read(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                error = $"unexpected argument '{args[i]}'";
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        return values;
    }

    /// <summary>An integer option of at least <paramref name="minimum"/>; the fallback when absent; the first error is kept.</summary>
    public static int Number(Dictionary<string, string> values, string name, int fallback, ref string? error, int minimum = 1)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        error ??= minimum == 1 ? $"--{name}: expected a positive integer, got '{text}'" : $"--{name}: expected an integer of at least {minimum}, got '{text}'";
        return fallback;
    }
}
