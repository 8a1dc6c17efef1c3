using Lantern.Silo.Cluster;

namespace Lantern.Tests.Cluster;

public sealed class BrokerDeadlineTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // What MassTransit's send did while the broker blocked its publishers: it went on waiting past its cancelled token.
    [Fact]
    public async Task An_operation_that_ignores_its_token_is_given_up_at_the_deadline()
    {
        var never = new TaskCompletionSource();
        CancellationToken given = default;

        var run = BrokerDeadline.RunAsync(token => { given = token; return never.Task; }, TimeSpan.FromMilliseconds(200));

        Assert.Same(run, await Task.WhenAny(run, Task.Delay(Bound, TestContext.Current.CancellationToken)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(given.IsCancellationRequested, "the operation's own token is cancelled at the deadline too");
        never.SetResult(); // It may still end later, unobserved by anyone.
    }

    [Fact]
    public async Task An_operation_that_ends_in_time_completes_and_its_failure_is_not_hidden()
    {
        var ran = false;
        await BrokerDeadline.RunAsync(async token => { await Task.Delay(10, token); ran = true; }, Bound);
        Assert.True(ran);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => BrokerDeadline.RunAsync(_ => Task.FromException(new InvalidOperationException("nacked")), Bound));
        Assert.Equal("nacked", failure.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_wait_before_the_deadline()
    {
        using var caller = new CancellationTokenSource();
        var never = new TaskCompletionSource();
        var run = BrokerDeadline.RunAsync(_ => never.Task, TimeSpan.FromHours(1), caller.Token);

        await caller.CancelAsync();

        Assert.Same(run, await Task.WhenAny(run, Task.Delay(Bound, TestContext.Current.CancellationToken)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
