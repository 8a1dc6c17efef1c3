using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Runtime;

/// <summary>Runs idle collection while the host runs, and flushes every activation when it stops.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime, IOptions<GrainRuntimeOptions> options, TimeProvider timeProvider)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                runtime.CollectIdle();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await runtime.ShutdownAsync(cancellationToken);
    }
}
