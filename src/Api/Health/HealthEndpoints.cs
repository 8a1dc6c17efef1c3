using System.Reflection;
using Lantern.Silo.Cluster;
using Lantern.Silo.Hosting;
using Lantern.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lantern.Api.Health;

/// <summary>
/// Kubernetes probes and Langfuse's health route. Liveness depends on nothing outside the process (a cluster process
/// wedged on its broker connection fails it: only a restart cures that);
/// readiness needs PostgreSQL and applied migrations, and on a dedicated silo (<c>LANTERN_ROLE=silo</c>) a view of the
/// cluster: a silo that never rebalanced or stopped heartbeating holds nothing it could serve.
/// </summary>
public static class HealthEndpoints
{
    private static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IServiceCollection AddLanternHealth(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapLanternHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", Live).WithName("Live");
        health.MapGet("/startup", Startup).WithName("Startup");
        health.MapGet("/ready", Ready).WithName("Ready");
        app.MapGet("/api/public/health", PublicHealth).WithName("PublicHealth").WithTags("Health");
        app.MapGet("/api/public/ready", Ready).WithName("PublicReady").WithTags("Health");
        return app;
    }

    // A cluster process whose connection to the broker is wedged (BrokerWedgeDetector) is restarted: nothing else in it
    // would cure that, and everything it acknowledged is in the broker's durable queues or committed.
    private static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> Live([FromServices] BrokerWedgeDetector? broker) =>
        broker?.Wedged is { } wedged
            ? TypedResults.Json(new HealthStatus(wedged, Version), statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(new HealthStatus("OK", Version));

    private static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> Startup(SiloReadiness readiness) =>
        readiness.Started
            ? TypedResults.Ok(new HealthStatus("OK", Version))
            : TypedResults.Json(new HealthStatus("Starting", Version), statusCode: StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> Ready(
        SiloReadiness readiness, Migrator migrator, ClusterOptions cluster, [FromServices] PartitionLeases? leases, CancellationToken cancellationToken)
    {
        var problem = await ProblemAsync(readiness, migrator, cancellationToken);
        if (problem is null && cluster.Role == ClusterRole.Silo && leases is { HasView: false })
        {
            problem = "Not a member of the cluster: no successful rebalance or heartbeat within the lease timeout";
        }

        return problem is null
            ? TypedResults.Ok(new HealthStatus("OK", Version))
            : TypedResults.Json(new HealthStatus(problem, Version), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> PublicHealth(
        SiloReadiness readiness, Migrator migrator, ClusterOptions cluster, [FromServices] PartitionLeases? leases, bool? failIfDatabaseUnavailable,
        CancellationToken cancellationToken)
    {
        if (failIfDatabaseUnavailable != true)
        {
            return TypedResults.Ok(new HealthStatus("OK", Version));
        }

        return await Ready(readiness, migrator, cluster, leases, cancellationToken);
    }

    private static async Task<string?> ProblemAsync(SiloReadiness readiness, Migrator migrator, CancellationToken cancellationToken)
    {
        if (!readiness.Started)
        {
            return "Starting";
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            return await migrator.IsUpToDateAsync(timeout.Token) ? null : "Database migrations are not applied";
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return "Database is unavailable";
        }
    }
}
