namespace Lantern.Silo.Hosting;

/// <summary>Work that must finish after migrations and before the node reports started (e.g. headless initialisation).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
