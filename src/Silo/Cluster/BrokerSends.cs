namespace Lantern.Silo.Cluster;

/// <summary>
/// Every send to the broker: bounded by the send timeout (<see cref="BrokerDeadline"/>), its outcome reported to
/// <see cref="BrokerWedgeDetector"/>. A send cancelled by its caller says nothing about the broker and is not reported.
/// </summary>
public sealed class BrokerSends(ClusterOptions options, BrokerWedgeDetector detector)
{
    public async Task RunAsync(Func<CancellationToken, Task> send, CancellationToken cancellationToken = default)
    {
        try
        {
            await BrokerDeadline.RunAsync(send, options.SendTimeout, cancellationToken);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            detector.SendFailed();
            throw;
        }

        detector.SendConfirmed();
    }
}
