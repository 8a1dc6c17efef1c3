using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Lantern.Silo.Metrics;

/// <summary>
/// The standard <c>process_*</c> metrics every Prometheus client exports, so the usual dashboards and the
/// target-restart alerts work: CPU seconds, resident and virtual memory, open file descriptors, start time; and
/// <c>lantern_build_info</c>, always 1, whose label says which version runs.
/// </summary>
public sealed class ProcessMetrics
{
    public const string MeterName = "Lantern.Process";

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        double startTime;
        using (var process = Process.GetCurrentProcess())
        {
            startTime = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        }

        meter.CreateObservableCounter("process_cpu_seconds_total", () => Environment.CpuUsage.TotalTime.TotalSeconds, "s",
            "Total user and system CPU time spent in seconds.");
        meter.CreateObservableGauge("process_resident_memory_bytes", () => Environment.WorkingSet, "By", "Resident memory size in bytes.");
        meter.CreateObservableGauge("process_virtual_memory_bytes", VirtualMemory, "By", "Virtual memory size in bytes.");
        meter.CreateObservableGauge("process_start_time_seconds", () => startTime, "s", "Start time of the process since unix epoch in seconds.");
        meter.CreateObservableGauge("process_open_fds", OpenFileDescriptors, description: "Number of open file descriptors.");
        var version = new KeyValuePair<string, object?>("version", Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown");
        meter.CreateObservableGauge("lantern_build_info", () => new Measurement<int>(1, version), description: "Always 1; the version label names the running Lantern build.");
    }

    private static IEnumerable<Measurement<long>> VirtualMemory()
    {
        using var process = Process.GetCurrentProcess();
        return [new(process.VirtualMemorySize64)];
    }

    private static IEnumerable<Measurement<int>> OpenFileDescriptors() =>
        Directory.Exists("/proc/self/fd") ? [new(Directory.EnumerateFileSystemEntries("/proc/self/fd").Count())] : [];
}
