namespace Lantern.Silo.Cluster;

/// <summary>
/// Bounds a call to the broker by a deadline that holds even when the call does not honour its token. MassTransit 8.4
/// went on waiting past a send's cancellation while the broker blocked its connection (on a new channel's topology
/// declaration, 10–20 s instead of 2), and publishes in flight across a broker restart are reported to hang for good
/// (rabbitmq-dotnet-client issue 1930); a request waiting on such a send would hang with it.
/// </summary>
public static class BrokerDeadline
{
    /// <summary>
    /// Runs <paramref name="operation"/> with a token cancelled after <paramref name="timeout"/> (or with
    /// <paramref name="cancellationToken"/>), and stops waiting for it then: an <see cref="OperationCanceledException"/>
    /// even if it goes on.
    /// </summary>
    public static async Task RunAsync(Func<CancellationToken, Task> operation, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;
        var running = operation(token);
        try
        {
            await running.WaitAsync(token);
        }
        finally
        {
            // The operation may outlive this wait: its token source lives until it ends, and its fault is observed then.
            _ = running.ContinueWith(
                static (ended, source) =>
                {
                    _ = ended.Exception;
                    ((CancellationTokenSource)source!).Dispose();
                },
                deadline, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
