namespace Lantern.Grains.Traces;

/// <summary>Told of each ignored attempt to change a trace's or observation's written input or output (a metric in the silo).</summary>
public interface IPayloadRewriteMonitor
{
    void Ignored(string projectId, EntityKind kind, string field);
}
