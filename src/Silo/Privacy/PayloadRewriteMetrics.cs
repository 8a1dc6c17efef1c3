using System.Diagnostics.Metrics;
using Lantern.Grains.Traces;

namespace Lantern.Silo.Privacy;

/// <summary>Counts ignored attempts to change a written input or output, by project, kind (trace, observation) and field.</summary>
public sealed class PayloadRewriteMetrics : IPayloadRewriteMonitor
{
    private readonly Counter<long> _ignored;

    public PayloadRewriteMetrics(IMeterFactory meterFactory) =>
        _ignored = meterFactory.Create(SiloMeter.Name).CreateCounter<long>("lantern_ingestion_payload_rewrites_ignored_total",
            description: "Update events that tried to change a trace's or observation's written input or output (ignored), by project, kind and field.");

    public void Ignored(string projectId, EntityKind kind, string field) =>
        _ignored.Add(1, new("project", projectId), new("kind", kind == EntityKind.Trace ? "trace" : "observation"), new("field", field));
}
