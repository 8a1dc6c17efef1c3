using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Registers cluster membership and partition leases when the node runs in a cluster (<c>LANTERN_CLUSTER=true</c> or
/// <c>LANTERN_RABBITMQ_URL</c> set). A single node registers nothing: it owns every partition and writes unfenced.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddLanternCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>()
            .Configure(o =>
            {
                o.Enabled = IsEnabled(configuration);
                o.SiloId = configuration["LANTERN_SILO_ID"] is { Length: > 0 } id ? id : o.SiloId;
                o.Partitions = configuration.GetValue("LANTERN_PARTITIONS", o.Partitions);
                o.HeartbeatInterval = TimeSpan.FromSeconds(configuration.GetValue("LANTERN_CLUSTER_HEARTBEAT_SECONDS", o.HeartbeatInterval.TotalSeconds));
                o.LeaseTimeout = TimeSpan.FromSeconds(configuration.GetValue("LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS", o.LeaseTimeout.TotalSeconds));
            })
            .Validate(o => o.Partitions is >= 1 and <= 4096, "LANTERN_PARTITIONS must be between 1 and 4096.")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "LANTERN_CLUSTER_HEARTBEAT_SECONDS must be positive.")
            .Validate(o => o.LeaseTimeout >= 2 * o.HeartbeatInterval,
                "LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS must be at least twice LANTERN_CLUSTER_HEARTBEAT_SECONDS, or live silos lose their leases.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ClusterOptions>>().Value);
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddSingleton<MembershipTable>();
        services.AddSingleton<ILeaseObserver, PartitionGrainEvictor>();
        services.AddSingleton<PartitionLeases>();
        services.AddSingleton<IWriteFencing>(sp => sp.GetRequiredService<PartitionLeases>());
        services.AddHostedService<MembershipHostedService>();
        return services;
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool>("LANTERN_CLUSTER") || configuration["LANTERN_RABBITMQ_URL"] is { Length: > 0 };
}
