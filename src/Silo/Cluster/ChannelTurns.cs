namespace Lantern.Silo.Cluster;

/// <summary>
/// The admission order of one channel's deliveries: delivery tag <c>n</c> is admitted after <c>n - 1</c>. Not thread
/// safe: <see cref="PartitionDeliveryOrder"/> calls it under its lock.
/// </summary>
internal sealed class ChannelTurns
{
    private readonly Dictionary<ulong, TaskCompletionSource> _waiting = [];
    private ulong _next = 1;

    /// <summary>Null when the delivery may be admitted now, else a task that completes when its predecessor was admitted.</summary>
    public Task? Wait(ulong deliveryTag)
    {
        if (deliveryTag <= _next)
        {
            return null;
        }

        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[deliveryTag] = turn;
        return turn.Task;
    }

    public void Admit(ulong deliveryTag)
    {
        _waiting.Remove(deliveryTag);
        if (deliveryTag < _next)
        {
            return;
        }

        _next = deliveryTag + 1;
        if (_waiting.Remove(_next, out var successor))
        {
            successor.SetResult();
        }
    }
}
