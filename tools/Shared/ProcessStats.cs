using System.Globalization;

namespace Lantern.Tools;

/// <summary>CPU seconds (utime + stime) and peak RSS (VmHWM) of a process, read from /proc; zero where /proc is missing (shared by the benchmarks).</summary>
internal static class ProcessStats
{
    private const double ClockTicks = 100; // USER_HZ on Linux.

    public static double CpuSeconds(int pid) => Stat(pid) is { } fields ? Ticks(fields, 11, 12) : 0;

    /// <summary>
    /// CPU seconds of a PostgreSQL server: the postmaster, its reaped children (cutime, cstime) and its live backends.
    /// </summary>
    public static double ServerTreeCpuSeconds(int postmaster)
    {
        if (Stat(postmaster) is not { } own)
        {
            return 0;
        }

        var children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? Stat(pid) : null)
            .Where(f => f is not null && f[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            .Sum(f => Ticks(f!, 11, 12));
        return Ticks(own, 11, 12, 13, 14) + children;
    }

    /// <summary>The parent of a process (for a PostgreSQL backend, the postmaster).</summary>
    public static int ParentOf(int pid) => Stat(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : 0;

    // Fields after the command name (which may contain spaces), so index 0 is field 3 (state): ppid is 1, utime 11,
    // stime 12, cutime 13, cstime 14. Null when the process is gone.
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static double Ticks(string[] fields, params int[] indexes) =>
        indexes.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / ClockTicks;

    public static double PeakRssMiB(int pid)
    {
        var path = $"/proc/{pid}/status";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
