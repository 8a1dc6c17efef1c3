using Lantern.Silo.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace Lantern.Tests.Cluster;

public sealed class BrokerWedgeDetectorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly BrokerWedgeDetector _detector;
    private int _probes;

    public BrokerWedgeDetectorTests() =>
        _detector = new BrokerWedgeDetector(new ClusterOptions { WedgeWindow = TimeSpan.FromSeconds(60) }, _time);

    [Fact]
    public async Task Sends_that_keep_failing_while_the_broker_confirms_the_probe_wedge_the_node_after_the_window()
    {
        // The window counts from the first confirmed probe, 10 s after the first failure.
        await FailFor(TimeSpan.FromSeconds(60), brokerAnswers: true);
        Assert.Null(_detector.Wedged);

        await FailFor(TimeSpan.FromSeconds(10), brokerAnswers: true);

        Assert.Contains("Sends to the broker have failed for 60 s", _detector.Wedged);
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_the_probe_never_wedges_the_node_and_the_count_starts_when_it_answers()
    {
        await FailFor(TimeSpan.FromMinutes(10), brokerAnswers: false);
        Assert.Null(_detector.Wedged);

        await FailFor(TimeSpan.FromSeconds(60), brokerAnswers: true);
        Assert.Null(_detector.Wedged);
        await FailFor(TimeSpan.FromSeconds(10), brokerAnswers: true);
        Assert.NotNull(_detector.Wedged);

        // A broker that stops answering again: a new process would fare no better.
        await FailFor(TimeSpan.FromSeconds(10), brokerAnswers: false);
        Assert.Null(_detector.Wedged);
    }

    [Fact]
    public async Task A_confirmed_send_clears_the_wedge_and_starts_the_count_again()
    {
        await FailFor(TimeSpan.FromSeconds(70), brokerAnswers: true);
        Assert.NotNull(_detector.Wedged);

        _detector.SendConfirmed();
        await _detector.CheckAsync([], Probe(true));
        Assert.Null(_detector.Wedged);

        await FailFor(TimeSpan.FromSeconds(60), brokerAnswers: true);
        Assert.Null(_detector.Wedged);
    }

    // A dedicated silo sends only what it consumed: a wedged one shows it only by consuming nothing.
    [Fact]
    public async Task A_consumed_queue_without_a_consumer_at_the_broker_for_twice_the_window_wedges_the_node()
    {
        string[] consumed = ["lantern-partition-0001", "lantern-partition-0002"];
        for (var i = 0; i < 12; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await _detector.CheckAsync(consumed, Probe(true, "lantern-partition-0002"));
        }

        Assert.Null(_detector.Wedged);
        _time.Advance(TimeSpan.FromSeconds(10));
        await _detector.CheckAsync(consumed, Probe(true, "lantern-partition-0002"));
        Assert.Contains("no consumer on 1 of this process's queues (such as lantern-partition-0002) for 120 s", _detector.Wedged);

        // The consumer back, or a broker that does not answer, clears it.
        await _detector.CheckAsync(consumed, Probe(true));
        Assert.Null(_detector.Wedged);
        for (var i = 0; i < 30; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await _detector.CheckAsync(consumed, Probe(false));
        }

        Assert.Null(_detector.Wedged);
    }

    [Fact]
    public async Task The_broker_is_probed_only_while_sends_fail_or_queues_are_consumed()
    {
        for (var i = 0; i < 20; i++)
        {
            _detector.SendConfirmed();
            _time.Advance(TimeSpan.FromSeconds(10));
            await _detector.CheckAsync([], Probe(true));
        }

        Assert.Equal(0, _probes);
        _detector.SendFailed();
        await _detector.CheckAsync([], Probe(true));
        Assert.Equal(1, _probes);
        _detector.SendConfirmed();
        await _detector.CheckAsync(["lantern-partition-0001"], Probe(true));
        Assert.Equal(2, _probes);
    }

    [Fact]
    public async Task A_failure_long_ago_with_no_send_since_does_not_wedge_the_node()
    {
        _detector.SendFailed();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await _detector.CheckAsync([], Probe(true));
        }

        Assert.Null(_detector.Wedged);
    }

    // Sends fail every 10 s for the duration, the watchdog checking after each.
    private async Task FailFor(TimeSpan duration, bool brokerAnswers)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += TimeSpan.FromSeconds(10))
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            _detector.SendFailed();
            await _detector.CheckAsync([], Probe(brokerAnswers));
        }
    }

    private Func<IReadOnlyCollection<string>, Task<BrokerProbeResult>> Probe(bool confirms, params string[] withoutConsumer) => _ =>
    {
        _probes++;
        return Task.FromResult(confirms ? new BrokerProbeResult(true, withoutConsumer) : BrokerProbeResult.Unanswered);
    };
}
