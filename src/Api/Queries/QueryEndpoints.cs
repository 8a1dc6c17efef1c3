using Lantern.Api.Queries.Observations;
using Lantern.Api.Queries.Projects;
using Lantern.Api.Queries.Scores;
using Lantern.Api.Queries.Sessions;
using Lantern.Api.Queries.Traces;

namespace Lantern.Api.Queries;

/// <summary>Registers the Langfuse-compatible read endpoints.</summary>
public static class QueryEndpoints
{
    public static IServiceCollection AddLanternQueries(this IServiceCollection services) => services.AddSingleton<TraceQueries>();

    public static IEndpointRouteBuilder MapLanternQueries(this IEndpointRouteBuilder app) => app
        .MapTraceEndpoints()
        .MapObservationEndpoints()
        .MapObservationV2Endpoints()
        .MapSessionEndpoints()
        .MapScoreEndpoints()
        .MapProjectEndpoints();
}
