using System.Diagnostics.Metrics;
using Lantern.Api.Ingestion.Journal;
using Lantern.Silo.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Ingestion;

public sealed class JournalBacklogTests
{
    [Fact]
    public async Task Past_the_bound_batches_wait_and_enter_in_arrival_order_as_room_frees()
    {
        var backlog = Backlog(maxBytes: 100);
        await backlog.EnterAsync(60, TestContext.Current.CancellationToken);

        var large = backlog.EnterAsync(60, TestContext.Current.CancellationToken);
        var small = backlog.EnterAsync(10, TestContext.Current.CancellationToken);
        Assert.False(large.IsCompleted);
        Assert.False(small.IsCompleted); // it would fit, but it does not overtake

        backlog.Leave(60);
        await large;
        await small;
        Assert.Equal(2, backlog.Pending);
    }

    [Fact]
    public async Task A_batch_larger_than_the_bound_enters_alone_and_a_request_that_gave_up_is_not_counted()
    {
        var backlog = Backlog(maxBytes: 100);
        await backlog.EnterAsync(500, TestContext.Current.CancellationToken);
        using var gaveUp = new CancellationTokenSource();
        var waiting = backlog.EnterAsync(10, gaveUp.Token);

        await gaveUp.CancelAsync();
        backlog.Leave(500);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, backlog.Pending);
        await backlog.EnterAsync(100, TestContext.Current.CancellationToken);
        Assert.Equal(1, backlog.Pending);
    }

    private static JournalBacklog Backlog(long maxBytes) => new(
        new IngestJournalOptions { MaxPendingBytes = maxBytes },
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
