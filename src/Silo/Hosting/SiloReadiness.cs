namespace Lantern.Silo.Hosting;

/// <summary>Whether the node has finished starting: migrations applied and headless initialisation done.</summary>
public sealed class SiloReadiness
{
    private volatile bool _started;

    public bool Started => _started;

    public void MarkStarted() => _started = true;
}
