using System.Diagnostics;
using System.Net;
using Lantern.Silo.Cluster;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

[Collection(BrokerCollection.Name)]
public sealed class ClusterFailoverTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const int Partitions = 16;
    private readonly string _cluster = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task When_a_silo_is_killed_its_partitions_move_ingestion_keeps_being_acknowledged_and_nothing_is_lost_or_counted_twice()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var api = ClusterNode.Start(Environment(database, "api", "api"));
        await api.ReadyAsync();
        var silos = new List<ClusterNode>();
        foreach (var id in new[] { "silo-1", "silo-2", "silo-3" })
        {
            silos.Add(ClusterNode.Start(Environment(database, "silo", id)));
        }

        try
        {
            await Task.WhenAll(silos.Select(s => s.ReadyAsync()));
            await OwnersAsync(database, 3, "three silos share the partitions");
            Progress("cluster up");
            using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) }.Authorized();
            var load = new SteadyLoad(http);
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(stop.Token);

            await Eventually.TrueAsync(() => Acknowledged(running, load) >= 100, "some traces are acknowledged", TimeSpan.FromSeconds(60));
            Progress("load running");
            await silos[1].CrashAsync();
            await OwnersAsync(database, 2, "the killed silo's partitions move to the other two");
            Progress("partitions moved");
            var afterCrash = load.Acknowledged.Count;
            await Eventually.TrueAsync(() => Acknowledged(running, load) >= afterCrash + 100, "ingestion goes on after the crash", TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await running;
            output.WriteLine($"{load.Batches} batches acknowledged; longest pause between acknowledgements: {load.LongestPause.TotalMilliseconds:F0} ms");

            await StoredCounts.WaitForAsync(database, StoredCounts.Expected(load.Acknowledged));
            await RollupRecomputation.AssertConsistentAsync(database);
            Progress("all stored");

            silos[1] = ClusterNode.Start(Environment(database, "silo", "silo-2"));
            await silos[1].ReadyAsync();
            await OwnersAsync(database, 3, "the restarted silo gets its share back");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    // The node's watchdog (BrokerWatchdog) runs with a window shorter than the outage: a broker that is down must not look
    // like a wedged node. Its consumers get twice the window after the broker's return, longer than they were seen to
    // lag. Should the node wedge once the broker is back (seen in CI, docs/cluster.md), the supervisor restarts it, as
    // Kubernetes would.
    [Fact]
    public async Task While_the_broker_restarts_ingestion_answers_503_with_retry_after_loses_nothing_acknowledged_and_resumes_by_itself()
    {
        var window = TimeSpan.FromSeconds(20);
        var (database, environment, node) = await StartWholeNodeAsync(("LANTERN_BROKER_WEDGE_SECONDS", $"{window.TotalSeconds}"));
        await using var supervisor = new LivenessSupervisor(node, environment);
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) }.Authorized();
        var load = new SteadyLoad(http, resendWhenUnreachable: true);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        try
        {
            await Eventually.TrueAsync(() => Acknowledged(running, load) >= 60, "some traces are acknowledged", TimeSpan.FromSeconds(60));
            await broker.StopAsync();
            var stopped = Stopwatch.StartNew();
            await Eventually.TrueAsync(() => Acknowledged(running, load) >= 0 && load.Unavailable.WithRetryAfter > 0, "ingestion answers 503 while the broker is down", TimeSpan.FromSeconds(60));
            var before = load.Acknowledged.Count;
            Progress("broker stopped");
            var hold = window + TimeSpan.FromSeconds(5) - stopped.Elapsed;
            await Task.Delay(hold > TimeSpan.Zero ? hold : TimeSpan.Zero);
            Assert.True(supervisor.Restarts.Count == 0, $"the node took the broker's outage for a wedge: {string.Join("; ", supervisor.Restarts)}");
            await broker.StartAsync();
            Progress("broker started");
            await Eventually.TrueAsync(() => Acknowledged(running, load) >= before + 60, "ingestion resumes once the broker is back", TimeSpan.FromSeconds(120));
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The node's log says what the bus did meanwhile, and the broker whether an alarm blocked the node's connection
            // (which looks the same from the node).
            output.WriteLine($"{load.Batches} batches, {load.Acknowledged.Count} acknowledged, {load.Unavailable} unavailable\nbroker: {await broker.BlockingAsync()}\nnode: {supervisor.Output}");
            throw;
        }
        finally
        {
            await broker.StartIfStoppedAsync();
        }

        await stop.CancelAsync();
        await running;
        output.WriteLine($"{load.Batches} batches acknowledged; {load.Unavailable.WithRetryAfter} answered 503; {load.Unreachable} unanswered; longest pause: {load.LongestPause.TotalSeconds:F1} s");
        foreach (var restart in supervisor.Restarts)
        {
            output.WriteLine($"restarted, wedged after the broker's return: {restart}");
        }

        Assert.Equal(0, load.Unavailable.Without);
        // The consumers come back on MassTransit's own reconnect schedule (every 3 s, backing off to 30 s), which can lag
        // the senders by tens of seconds after the broker returns (docs/cluster.md); what is acknowledged meanwhile waits
        // in its queue.
        await AssertAllStoredAsync(database, load, () => supervisor.Output, TimeSpan.FromSeconds(120));
        // An operator reads when a partition's consumer dropped and when it came back (ConsumerStateLog). A wedged node's
        // consumers never learnt that the connection was gone, and its restart consumes afresh.
        if (supervisor.Restarts.Count == 0)
        {
            Assert.Matches(@"The consumer of queue \S+-partition-\d+ faulted", supervisor.Output);
            Assert.Matches(@"The consumer of queue \S+-partition-\d+ consumes again after", supervisor.Output);
        }
    }

    // RabbitMQ.Client waits for a silent peer's AMQP handshake without a deadline and MassTransit passes none, so without
    // BrokerHandshakeGuard the node's one connection attempt hangs on the silent socket and it answers 503 for ever,
    // though the real broker is back (seen on 5 Dec 2026: more than 10 minutes).
    [Fact]
    public async Task When_the_brokers_port_accepts_connections_but_never_answers_the_node_connects_once_the_broker_is_back()
    {
        // Without the watchdog, whose probes would connect to the silent peer too: every connection it holds is the bus's.
        var (database, environment, node) = await StartWholeNodeAsync(("LANTERN_BROKER_WEDGE_SECONDS", "0"));
        await using var supervisor = new LivenessSupervisor(node, environment);
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) }.Authorized();
        var load = new SteadyLoad(http, resendWhenUnreachable: true);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => Acknowledged(running, load) >= 20, "some traces are acknowledged", TimeSpan.FromSeconds(60));
        await broker.StopAsync();
        try
        {
            await using (var silent = new SilentPeer(new Uri(broker.Url).Port))
            {
                await Eventually.TrueAsync(() => Acknowledged(running, load) >= 0 && load.Unavailable.WithRetryAfter > 0, "ingestion answers 503 while the broker is down", TimeSpan.FromSeconds(60));
                if (!await Eventually.HoldsWithinAsync(() => Task.FromResult(silent.Held > 0), TimeSpan.FromSeconds(60)))
                {
                    // The wedge of docs/cluster.md, which the broker's stop can cause: the bus never learnt that its
                    // connection was gone and makes no attempt. The watchdog would have the process restarted once the
                    // broker answers; the test restarts it now, so that the new process's attempts meet the silent peer.
                    output.WriteLine($"no connection attempt in 60 s: the node is wedged, restarting it\nnode: {supervisor.Output}");
                    await supervisor.RestartAsync("no connection attempt to the silent peer in 60 s");
                    await Eventually.TrueAsync(() => silent.Held > 0, "the restarted node connects to the silent peer", TimeSpan.FromSeconds(60));
                }

                await silent.StopListeningAsync();
                var before = load.Acknowledged.Count;
                await broker.StartAsync();
                Progress($"broker started; {silent.Held} connections to the silent peer stay open");
                try
                {
                    await Eventually.TrueAsync(() => Acknowledged(running, load) >= before + 20, "ingestion resumes while the silent connections stay open", TimeSpan.FromSeconds(90));
                }
                catch (Exception failure) when (failure is not OutOfMemoryException)
                {
                    output.WriteLine($"{load.Acknowledged.Count} acknowledged, {load.Unavailable} unavailable\nbroker: {await broker.BlockingAsync()}\nnode: {supervisor.Output}");
                    throw;
                }

                Progress("ingestion resumed");
            }
        }
        finally
        {
            await broker.StartIfStoppedAsync();
        }

        await stop.CancelAsync();
        await running;
        // Longer than the restart test's 120 s: the consumers come back on MassTransit's schedule, after the guard's 30 s
        // deadline on an attempt begun while the peer was silent (one full-suite run fell short at 120 s).
        await AssertAllStoredAsync(database, load, () => supervisor.Output, TimeSpan.FromSeconds(180));
    }

    // A broker short of memory or disk blocks its publishers: it stops reading their connections, so it neither confirms
    // nor opens channels, until the alarm clears. Each request must still be answered (503, resend later) at the send
    // timeout. Without BrokerDeadline MassTransit went on waiting past it (on a new channel's topology declaration): 3
    // requests were answered in a minute, instead of one every 2 s.
    [Fact]
    public async Task While_the_broker_blocks_publishers_ingestion_answers_503_instead_of_waiting_and_resumes_when_the_alarm_clears()
    {
        // A watchdog window far shorter than the alarm: a broker that blocks publishers must not look like a wedged node.
        var (database, _, node) = await StartWholeNodeAsync(("LANTERN_BROKER_WEDGE_SECONDS", "3"));
        await using var _ = node;
        // Far above the node's 2 s send timeout: a request still unanswered by then is waiting for the broker.
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(30) }.Authorized();
        var load = new SteadyLoad(http);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => Acknowledged(running, load) >= 20, "some traces are acknowledged", TimeSpan.FromSeconds(60));
        int before;
        await broker.MemoryAlarmAsync(raised: true);
        try
        {
            await Eventually.TrueAsync(() => Acknowledged(running, load) >= 0 && load.Unavailable.WithRetryAfter >= 10, "ingestion answers ten requests 503 while the broker blocks publishers", TimeSpan.FromSeconds(60));
            before = load.Acknowledged.Count;
            Progress("503 while blocked");
            // Ten answers take about 20 s: the watchdog has probed the blocked broker for several of its windows by now.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            output.WriteLine($"{load.Batches} batches, {load.Acknowledged.Count} acknowledged, {load.Unavailable} unavailable\nbroker: {await broker.BlockingAsync()}\nnode: {node.Output}");
            throw;
        }
        finally
        {
            // The broker is shared by the collection: never leave it blocked for the next test.
            await broker.MemoryAlarmAsync(raised: false);
        }

        await Eventually.TrueAsync(() => Acknowledged(running, load) >= before + 20, "ingestion resumes once the alarm clears", TimeSpan.FromSeconds(120));
        Progress("resumed");
        await stop.CancelAsync();
        await running;
        output.WriteLine($"{load.Unavailable.WithRetryAfter} answered 503, the slowest after {load.SlowestUnavailable.TotalSeconds:F1} s");

        Assert.Equal(0, load.Unavailable.Without);
        await AssertAllStoredAsync(database, load, () => node.Output, TimeSpan.FromSeconds(120));
    }

    // Every acknowledged event is stored within the wait, and the rollups equal the recomputation from the stored rows.
    private async Task AssertAllStoredAsync(string database, SteadyLoad load, Func<string> nodeOutput, TimeSpan within)
    {
        try
        {
            await StoredCounts.WaitForAsync(database, StoredCounts.Expected(load.Acknowledged), within);
        }
        catch (Exception shortfall) when (shortfall is not OutOfMemoryException)
        {
            await ExplainShortfallAsync(database, load, nodeOutput);
            throw;
        }

        await RollupRecomputation.AssertConsistentAsync(database);
    }

    // The stored rows fell short once in a full-suite run (5 Dec 2026: 7 of 170 acknowledged traces after 60 s). Says which
    // traces and partitions, what the broker's queues hold, and whether the rows arrive late: a partition whose consumer
    // did not come back, a slow one, or a loss.
    private async Task ExplainShortfallAsync(string database, SteadyLoad load, Func<string> nodeOutput)
    {
        var stored = (await Sql.RowsAsync(database, "SELECT id FROM traces")).Select(r => (string)r["id"]!).ToHashSet();
        var missing = load.Acknowledged.Where(e => (string)e["type"]! == "trace-create").Select(e => (string)e["body"]!["id"]!)
            .Where(id => !stored.Contains(id))
            .Select(id => $"{id} (partition {PartitionHash.Of(PartitionKeys.Trace(LanternApp.ProjectId, id), Partitions)})");
        output.WriteLine($"missing: {string.Join(", ", missing)}");
        output.WriteLine($"queues (name, ready, unacknowledged, consumers):\n{await broker.QueuesAsync()}");
        output.WriteLine($"broker: {await broker.BlockingAsync()}");
        await Task.Delay(TimeSpan.FromSeconds(30));
        output.WriteLine($"30 s later: {await StoredCounts.ReadAsync(database)}\nnode: {nodeOutput()}");
    }

    // One process that holds every partition, for the broker tests, with its configuration.
    private async Task<(string Database, Dictionary<string, string> Environment, ClusterNode Node)> StartWholeNodeAsync(params (string Name, string Value)[] settings)
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var environment = Environment(database, "all", "node-1");
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var node = ClusterNode.Start(environment);
        try
        {
            await node.ReadyAsync();
            await OwnersAsync(database, 1, "the node holds every partition");
            return (database, environment, node);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    // A load that stopped on an unexpected answer fails the test with that answer instead of a timeout.
    private static int Acknowledged(Task running, SteadyLoad load) =>
        running.IsFaulted ? throw running.Exception!.InnerException! : load.Acknowledged.Count;

    private void Progress(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.f} {what}");

    private Dictionary<string, string> Environment(string database, string role, string siloId) =>
        LoopbackCluster.Environment(database, broker, _cluster, role, siloId, Partitions);

    private static Task OwnersAsync(string database, int owners, string what) => LoopbackCluster.OwnersAsync(database, owners, Partitions, what);
}
