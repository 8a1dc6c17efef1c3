using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Lantern.Silo;
using Lantern.Silo.Cluster;
using Lantern.Silo.Evaluators;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Onnx;
using Lantern.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Publishing a text to score never waits for the broker: beyond the bound on unconfirmed texts it is shed, and the texts
/// of a send the broker never confirms are shed too and counted per evaluator, after which publishing works again.
/// </summary>
public sealed class BrokerEvaluationStreamTests
{
    [Fact]
    public async Task A_broker_that_never_confirms_makes_texts_beyond_the_bound_and_the_unconfirmed_ones_shed()
    {
        PostgresServer.ServerUrl(); // Needs ONNX Runtime: runs under ./test.sh with the rest of the suite.
        var cancel = TestContext.Current.CancellationToken;
        // Accepts connections and never answers: every send waits until its deadline.
        using var silentBroker = new TcpListener(IPAddress.Loopback, 0);
        silentBroker.Start();
        var held = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var socket = await silentBroker.AcceptSocketAsync(cancel);
                lock (held)
                {
                    held.Add(socket);
                }
            }
        }, cancel);
        var cluster = new ClusterOptions { Name = "shed-test", SendTimeout = TimeSpan.FromSeconds(5) };
        var options = new EvaluatorOptions { QueueCapacity = 3, BatchSize = 2, LibraryPath = Environment.GetEnvironmentVariable(OrtRuntime.PathVariable) };
        using var evaluators = EvaluatorLoader.Load(options, NullLogger.Instance);
        Assert.True(evaluators.Enabled, evaluators.DisabledReason);
        var services = new ServiceCollection().AddMetrics().AddLogging();
        services.AddMassTransit(bus => bus.UsingRabbitMq((_, rabbit) =>
            rabbit.Host(new Uri($"amqp://guest:guest@127.0.0.1:{((IPEndPoint)silentBroker.LocalEndpoint).Port}/"))));
        await using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<IMeterFactory>();
        using var shed = new ShedCounter(meters);
        var stream = new BrokerEvaluationStream(provider.GetRequiredService<IBus>(), new BrokerSends(cluster, new BrokerWedgeDetector(cluster, TimeProvider.System)), cluster, Options.Create(options), new EvaluationInbox(), evaluators,
            new EvaluatorMetrics(meters), new StreamMetrics(meters), TimeProvider.System, NullLogger<BrokerEvaluationStream>.Instance);
        await stream.StartAsync(cancel);

        var published = Enumerable.Range(0, 10).Select(i => stream.TryPublish(Request(i))).ToList();

        Assert.Equal([true, true, true, false, false, false, false, false, false, false], published);
        await Eventually.TrueAsync(() => shed.Of("prompt_injection") == 3 && shed.Of("toxicity") == 3,
            "the three unconfirmed texts were shed once their sends timed out", TimeSpan.FromSeconds(60));
        Assert.True(stream.TryPublish(Request(10)), "publishing works again once the failed sends released the bound");
        await stream.StopAsync(cancel);
        lock (held)
        {
            held.ForEach(s => s.Dispose());
        }
    }

    private static EvaluationRequest Request(int i) => new("p", $"t-{i}", null, "input", $"text {i}", $"hash {i}");

    /// <summary>Listens to <c>lantern_evaluator_shed_total</c> of the meters of one factory (not of tests running alongside).</summary>
    private sealed class ShedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];

        public ShedCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == SiloMeter.Name && instrument.Name == "lantern_evaluator_shed_total")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "evaluator")
                    {
                        lock (_counts)
                        {
                            _counts[(string)tag.Value!] = _counts.GetValueOrDefault((string)tag.Value!) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Of(string evaluator)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(evaluator);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
