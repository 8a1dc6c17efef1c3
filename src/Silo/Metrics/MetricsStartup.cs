using Microsoft.Extensions.Hosting;

namespace Lantern.Silo.Metrics;

/// <summary>Creates the collector and the process metrics when the host starts, so counting begins before the first scrape.</summary>
internal sealed class MetricsStartup(MetricsCollector collector, ProcessMetrics processMetrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(collector);
        GC.KeepAlive(processMetrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
