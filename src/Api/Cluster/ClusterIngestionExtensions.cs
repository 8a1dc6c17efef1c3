using Lantern.Api.Ingestion;
using Lantern.Api.Queries.Traces;
using Lantern.Silo.Cluster;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lantern.Api.Cluster;

/// <summary>In cluster mode (<c>LANTERN_RABBITMQ_URL</c> set) ingestion and trace deletion go to the broker instead of local grains.</summary>
public static class ClusterIngestionExtensions
{
    public static IServiceCollection AddLanternClusterIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsCluster(configuration))
        {
            services.AddSingleton<PartitionSender>();
            services.Replace(ServiceDescriptor.Singleton<IIngestionPipeline, BrokerIngestionPipeline>());
            services.AddSingleton<ITraceDeleter, BrokerTraceDeleter>();
        }

        return services;
    }

    /// <summary>Answers 503 with Retry-After when the broker cannot take a request's events or deletions.</summary>
    public static WebApplication UseLanternClusterIngestion(this WebApplication app)
    {
        if (IsCluster(app.Configuration))
        {
            app.UseMiddleware<BrokerUnavailableMiddleware>();
        }

        return app;
    }

    private static bool IsCluster(IConfiguration configuration) => configuration["LANTERN_RABBITMQ_URL"] is { Length: > 0 };
}
