using Lantern.Silo.Cluster;
using Lantern.Silo.Evaluators;

namespace Lantern.Tests.Cluster;

/// <summary>
/// A broker message of texts to score is acknowledged (its consumer returns) only once the worker has taken all of it,
/// and a silo that stops withdraws what its worker has not taken, so the broker hands it to another silo.
/// </summary>
public sealed class EvaluationInboxTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_delivery_is_acknowledged_only_after_the_worker_took_its_last_request()
    {
        var inbox = new EvaluationInbox();
        var cancel = TestContext.Current.CancellationToken;
        var delivered = inbox.DeliverAsync(Requests("a", 3), SentAt, cancel);

        var first = await inbox.ReadBatchAsync(2, cancel);
        Assert.Equal(["a-0", "a-1"], first.Batch.Select(r => r.TraceId));
        Assert.Equal(SentAt, first.OldestSentAt);
        Assert.False(delivered.IsCompleted, "acknowledged before the worker took the whole message");
        Assert.Equal(1, inbox.Waiting);

        var second = await inbox.ReadBatchAsync(2, cancel);
        Assert.Equal(["a-2"], second.Batch.Select(r => r.TraceId));
        await delivered.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        Assert.Equal(0, inbox.Waiting);
    }

    [Fact]
    public async Task A_stopping_silo_withdraws_what_its_worker_has_not_taken()
    {
        var inbox = new EvaluationInbox();
        var cancel = TestContext.Current.CancellationToken;
        var taken = inbox.DeliverAsync(Requests("taken", 1), SentAt, cancel);
        Assert.Single((await inbox.ReadBatchAsync(10, cancel)).Batch);
        await taken.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        var untaken = inbox.DeliverAsync(Requests("untaken", 2), SentAt, cancel);

        inbox.Close();

        // The consumer throws, so the message goes back to the queue instead of being acknowledged.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => untaken.WaitAsync(TimeSpan.FromSeconds(30), cancel));
        using var nothingLeft = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        nothingLeft.CancelAfter(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await inbox.ReadBatchAsync(10, nothingLeft.Token));
        Assert.Equal(0, inbox.Waiting);
    }

    [Fact]
    public async Task A_delivery_withdrawn_by_its_consumer_is_skipped_and_the_next_one_is_read()
    {
        var inbox = new EvaluationInbox();
        var cancel = TestContext.Current.CancellationToken;
        using var consumer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var withdrawn = inbox.DeliverAsync(Requests("withdrawn", 2), SentAt, consumer.Token);
        var next = inbox.DeliverAsync(Requests("next", 1), SentAt.AddSeconds(1), cancel);

        await consumer.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn.WaitAsync(TimeSpan.FromSeconds(30), cancel));
        var read = await inbox.ReadBatchAsync(10, cancel);
        Assert.Equal(["next-0"], read.Batch.Select(r => r.TraceId));
        await next.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        Assert.Equal(0, inbox.Waiting);
    }

    private static List<EvaluationRequest> Requests(string trace, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new EvaluationRequest("p", $"{trace}-{i}", null, "input", $"text {i}", $"hash {i}"))];
}
