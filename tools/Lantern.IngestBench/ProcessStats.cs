using System.Globalization;

namespace Lantern.IngestBench;

/// <summary>CPU seconds (utime + stime) and peak RSS (VmHWM) of a process, read from /proc; zero where /proc is missing.</summary>
internal static class ProcessStats
{
    private const double ClockTicks = 100; // USER_HZ on Linux.

    public static double CpuSeconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return 0;
        }

        // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicks;
    }

    public static double PeakRssMiB(int pid)
    {
        var path = $"/proc/{pid}/status";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
