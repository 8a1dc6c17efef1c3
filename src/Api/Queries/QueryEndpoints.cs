using Lantern.Api.Queries.Observations;
using Lantern.Api.Queries.Projects;
using Lantern.Api.Queries.Scores;
using Lantern.Api.Queries.Sessions;
using Lantern.Api.Queries.Traces;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lantern.Api.Queries;

/// <summary>Registers the Langfuse-compatible read endpoints.</summary>
public static class QueryEndpoints
{
    public static IServiceCollection AddLanternQueries(this IServiceCollection services)
    {
        services.AddSingleton<TraceQueries>();
        // Cluster mode registered the broker's deleter before this.
        services.TryAddSingleton<ITraceDeleter, GrainTraceDeleter>();
        return services;
    }

    public static IEndpointRouteBuilder MapLanternQueries(this IEndpointRouteBuilder app) => app
        .MapTraceEndpoints()
        .MapObservationEndpoints()
        .MapObservationV2Endpoints()
        .MapSessionEndpoints()
        .MapScoreEndpoints()
        .MapProjectEndpoints();
}
