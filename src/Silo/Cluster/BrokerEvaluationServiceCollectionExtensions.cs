using Lantern.Silo.Evaluators;
using Lantern.Silo.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Puts a cluster silo's evaluation stream on the broker: the texts its commits publish go to the cluster's shared
/// evaluation queue, and its worker scores what it takes from there. Registered before the evaluators, whose in-memory
/// stream is only added when no other is.
/// </summary>
public static class BrokerEvaluationServiceCollectionExtensions
{
    public static IServiceCollection AddBrokerEvaluations(this IServiceCollection services)
    {
        services.AddSingleton<EvaluationInbox>();
        services.AddSingleton<BrokerEvaluationStream>();
        services.AddSingleton<IMessageStream<EvaluationRequest>>(sp => sp.GetRequiredService<BrokerEvaluationStream>());
        // Hosted services stop in reverse order: the consumer withdraws untaken batches, then the sender flushes, then the bus stops.
        services.AddHostedService(sp => sp.GetRequiredService<BrokerEvaluationStream>());
        services.AddHostedService<EvaluationQueueConsumer>();
        return services;
    }
}
