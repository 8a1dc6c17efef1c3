using Lantern.Silo.Evaluators;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Connects this silo to the shared evaluation queue when it can score (evaluators loaded and
/// <c>LANTERN_EVALUATOR_WORKER</c> on), with a small prefetch so that no silo hoards the queue. On stop it withdraws
/// what its worker has not taken, so those messages go back to the queue before the endpoint stops.
/// </summary>
public sealed class EvaluationQueueConsumer(
    IReceiveEndpointConnector connector, ClusterOptions cluster, EvaluatorSet evaluators, IOptions<EvaluatorOptions> options, EvaluationInbox inbox)
    : IHostedService
{
    private HostReceiveEndpointHandle? _handle;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!evaluators.Enabled || !options.Value.ScoreSharedQueue)
        {
            return Task.CompletedTask;
        }

        _handle = connector.ConnectReceiveEndpoint(EvaluationQueue.Name(cluster.Name), (context, endpoint) =>
        {
            endpoint.PrefetchCount = EvaluationQueue.Prefetch;
            endpoint.ConcurrentMessageLimit = EvaluationQueue.Prefetch;
            // Texts are sent to the queue, never published: no message-type exchanges to bind.
            endpoint.ConfigureConsumeTopology = false;
            // A withdrawn batch goes back to the queue instead of an _error queue.
            endpoint.RethrowFaultedMessages();
            endpoint.ConfigureConsumer<EvaluationBatchConsumer>(context);
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        inbox.Close();
        if (_handle is not null)
        {
            await _handle.StopAsync(cancellationToken);
        }
    }
}
