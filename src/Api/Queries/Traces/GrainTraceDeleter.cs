using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;

namespace Lantern.Api.Queries.Traces;

/// <summary>A single node owns every trace: its trace grains delete them before the request is answered.</summary>
public sealed class GrainTraceDeleter(IGrainFactory grains) : ITraceDeleter
{
    public Task DeleteAsync(string projectId, IReadOnlyList<string> traceIds, CancellationToken cancellationToken) =>
        Task.WhenAll(traceIds.Select(id => grains.GetGrain<ITraceGrain>($"{projectId}/{id}").DeleteAsync()));
}
