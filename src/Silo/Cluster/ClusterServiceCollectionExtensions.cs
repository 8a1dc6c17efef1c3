using Lantern.Grains.Rollups;
using Lantern.Silo.Hosting;
using Lantern.Silo.Rollups;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Registers cluster mode when <c>LANTERN_RABBITMQ_URL</c> is set: the RabbitMQ bus, and on silos membership, partition
/// leases and the partition consumers. A single node registers none of it: it owns every partition, writes unfenced and
/// needs no broker.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddLanternCluster(this IServiceCollection services, IConfiguration configuration)
    {
        var url = configuration["LANTERN_RABBITMQ_URL"] ?? "";
        var role = Enum.TryParse<ClusterRole>(configuration["LANTERN_ROLE"] ?? "all", ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (ClusterRole?)null;
        services.AddOptions<ClusterOptions>()
            .Configure(o =>
            {
                o.RabbitMqUrl = url;
                o.Role = role ?? ClusterRole.All;
                o.SiloId = configuration["LANTERN_SILO_ID"] is { Length: > 0 } id ? id : o.SiloId;
                o.Name = configuration["LANTERN_CLUSTER_NAME"] is { Length: > 0 } name ? name : o.Name;
                // A malformed number becomes -1 (or -1 s), which the validations below refuse, naming the setting.
                o.Partitions = LenientSettings.WholeNumber(configuration, "LANTERN_PARTITIONS", o.Partitions);
                o.HeartbeatInterval = LenientSettings.Seconds(configuration, "LANTERN_CLUSTER_HEARTBEAT_SECONDS", o.HeartbeatInterval);
                o.LeaseTimeout = LenientSettings.Seconds(configuration, "LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS", o.LeaseTimeout);
                o.SendTimeout = LenientSettings.Seconds(configuration, "LANTERN_BROKER_SEND_TIMEOUT_SECONDS", o.SendTimeout);
                o.WedgeWindow = LenientSettings.Seconds(configuration, "LANTERN_BROKER_WEDGE_SECONDS", o.WedgeWindow);
                o.DeletionTimeout = LenientSettings.Seconds(configuration, "LANTERN_CLUSTER_DELETE_TIMEOUT_SECONDS", o.DeletionTimeout);
            })
            .Validate(_ => role is not null, "LANTERN_ROLE must be api, silo or all.")
            .Validate(o => o.Partitions is >= 1 and <= 4096, "LANTERN_PARTITIONS must be between 1 and 4096.")
            .Validate(o => o.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'),
                "LANTERN_CLUSTER_NAME may hold only letters, digits, '-', '_' and '.' (it prefixes queue names).")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.SendTimeout > TimeSpan.Zero && o.DeletionTimeout > TimeSpan.Zero,
                "LANTERN_CLUSTER_HEARTBEAT_SECONDS, LANTERN_BROKER_SEND_TIMEOUT_SECONDS and LANTERN_CLUSTER_DELETE_TIMEOUT_SECONDS must be positive numbers of seconds.")
            .Validate(o => o.WedgeWindow >= TimeSpan.Zero, "LANTERN_BROKER_WEDGE_SECONDS must be zero (off) or a positive number of seconds.")
            .Validate(o => o.LeaseTimeout > TimeSpan.Zero && o.LeaseTimeout >= 2 * o.HeartbeatInterval,
                "LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS must be at least twice LANTERN_CLUSTER_HEARTBEAT_SECONDS, or live silos lose their leases.")
            .Validate(o => o.RabbitMqUrl.Length == 0 || Uri.TryCreate(o.RabbitMqUrl, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps",
                "LANTERN_RABBITMQ_URL must be an amqp:// or amqps:// URL.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ClusterOptions>>().Value);
        if (url.Length == 0)
        {
            services.AddSingleton<IOwnerDeletions, LocalOwnerDeletions>();
            services.AddSingleton<ISpendAlertReader, LocalSpendAlertReader>();
            services.AddLanternRollupCache(configuration);
            services.AddLanternIdleCollection(configuration);
            return services;
        }

        // Every process deletes through the owners, the API's included: only an owner's lease may write a key.
        services.AddSingleton<IOwnerDeletions, BrokerOwnerDeletions>();
        services.AddSingleton<ISpendAlertReader, BrokerSpendAlertReader>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BrokerWedgeDetector>();
        services.AddSingleton<BrokerSends>();
        services.AddSingleton<BrokerProbe>();
        services.AddHostedService<BrokerWatchdog>();

        // Before the membership service: hosted services start in registration order, and consumers need the bus.
        services.AddMassTransit(bus =>
        {
            // A self-hosted node does not report to MassTransit's usage service. Its collector also enumerated the
            // endpoints while the partition consumers connected theirs, and faulted the bus's start ("Collection was
            // modified") on a silo in one CI run.
            bus.DisableUsageTelemetry();
            if (role != ClusterRole.Api)
            {
                // Only processes that hold partitions consume; an API process has no leases to fence with.
                bus.AddConsumer<PartitionBatchConsumer>();
                bus.AddConsumer<PartitionTraceDeletionConsumer>();
                bus.AddConsumer<PartitionScoreDeletionConsumer>();
                bus.AddConsumer<PartitionRollupChangesConsumer>();
                bus.AddConsumer<EvaluationBatchConsumer>();
                bus.AddConsumer<PartitionRollupForgetConsumer>();
                bus.AddConsumer<PartitionSpendAlertsConsumer>();
            }
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<ClusterOptions>();
                rabbit.Host(new Uri(options.RabbitMqUrl), host =>
                {
                    host.PublisherConfirmation = true;
                    host.OnRefreshConnectionFactory = BrokerHandshakeGuard.EnsureAnswersAsync;
                });
                rabbit.ConfigureSend(send => send.UseExecute(PartitionDeliveryOrder.StampKey));
            });
        });
        if (role == ClusterRole.Api)
        {
            // Collections between requests suit the processes whose work is requests; a silo's comes from the broker.
            services.AddLanternIdleCollection(configuration);
            return services;
        }

        services.AddBrokerEvaluations();
        services.AddReceiveEndpointObserver<ConsumerStateLog>();

        // Registered before the traces' in-process notifier, which is only added when no other is.
        services.AddSingleton<IRollupNotifier, BrokerRollupNotifier>();
        services.AddSingleton<MembershipTable>();
        // Observers run in registration order: stop consuming a lost partition before dropping its grains.
        services.AddSingleton<ILeaseObserver, PartitionConsumers>();
        services.AddSingleton<ILeaseObserver, PartitionGrainEvictor>();
        services.AddSingleton<PartitionLeases>();
        services.AddSingleton<IWriteFencing>(sp => sp.GetRequiredService<PartitionLeases>());
        services.AddHostedService<MembershipHostedService>();
        return services;
    }
}
