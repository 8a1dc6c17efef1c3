using Lantern.Contracts.Runtime;
using Lantern.Silo.Storage;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Runtime;

namespace Lantern.Tests.Storage;

public sealed class PostgresGrainStorageTests
{
    [Fact]
    public async Task State_round_trips_and_each_write_moves_the_version_on()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var storage = new PostgresGrainStorage(dataSource);

        Assert.Null(await storage.ReadAsync<CounterState>("Counter", "a", CancellationToken.None));
        var first = await storage.WriteAsync("Counter", "a", new CounterState { Count = 7 }, null, CancellationToken.None);
        var second = await storage.WriteAsync("Counter", "a", new CounterState { Count = 8 }, first, CancellationToken.None);
        var read = await storage.ReadAsync<CounterState>("Counter", "a", CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(8, read!.State.Count);
        Assert.Equal(second, read.Etag);
    }

    [Fact]
    public async Task Of_two_concurrent_writers_with_the_same_version_exactly_one_wins()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var storage = new PostgresGrainStorage(dataSource);
        var etag = await storage.WriteAsync("Counter", "b", new CounterState { Count = 1 }, null, CancellationToken.None);

        var writes = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await storage.WriteAsync("Counter", "b", new CounterState { Count = 100 + i }, etag, CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(writes);

        Assert.Single(outcomes, won => won);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteAsync("Counter", "b", new CounterState(), etag, CancellationToken.None));
        Assert.Equal("2", conflict.StoredEtag);
    }

    [Fact]
    public async Task Creating_a_row_that_another_writer_created_first_is_a_conflict()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var storage = new PostgresGrainStorage(dataSource);
        await storage.WriteAsync("Counter", "c", new CounterState { Count = 1 }, null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteAsync("Counter", "c", new CounterState { Count = 2 }, null, CancellationToken.None));
    }

    [Fact]
    public async Task Clearing_deletes_the_row_and_a_stale_clear_fails()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var storage = new PostgresGrainStorage(dataSource);
        var v1 = await storage.WriteAsync("Counter", "d", new CounterState { Count = 1 }, null, CancellationToken.None);
        var v2 = await storage.WriteAsync("Counter", "d", new CounterState { Count = 2 }, v1, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("Counter", "d", v1, CancellationToken.None));
        await storage.ClearAsync("Counter", "d", v2, CancellationToken.None);

        Assert.Null(await storage.ReadAsync<CounterState>("Counter", "d", CancellationToken.None));
    }

    [Fact]
    public async Task Grains_on_postgres_keep_their_state_across_deactivation()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using (var harness = new RuntimeHarness(storage: new PostgresGrainStorage(dataSource)))
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => harness.Counter($"p{i % 10}").IncrementAsync()));
        }

        await using var next = new RuntimeHarness(storage: new PostgresGrainStorage(dataSource));
        Assert.Equal(6, await next.Counter("p3").IncrementAsync());
    }
}
