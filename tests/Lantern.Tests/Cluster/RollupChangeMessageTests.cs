using System.Text.Json;
using Lantern.Grains.Rollups;
using Lantern.Silo.Cluster;
using MassTransit.Serialization;

namespace Lantern.Tests.Cluster;

/// <summary>A rollup change survives its trip over the broker: converted, serialized as MassTransit does, and back.</summary>
public sealed class RollupChangeMessageTests
{
    private static readonly DateTimeOffset Bucket = new(2026, 11, 23, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_change_with_histograms_scores_cost_and_first_and_last_seen_arrives_equal()
    {
        var delta = new RollupValues
        {
            Traces = 1, Observations = 4, Generations = 2, Errors = 1, Cost = 0.000123456789m,
            InputTokens = 120, OutputTokens = 30, TotalTokens = 150,
            FirstSeen = Bucket.AddMinutes(3).AddTicks(7), LastSeen = Bucket.AddMinutes(59),
        };
        delta.Scores["quality"] = new ScoreSum(1.75, 2);
        delta.Scores["csat"] = new ScoreSum(-3, 1);
        delta.CountLatency(0.3);
        delta.CountLatency(0.3);
        delta.CountLatency(42);
        delta.CountTimeToFirstToken(0.02);
        var change = new RollupChange(new RollupKey("project-1", RollupScope.Prompt, "summarise", 3, Bucket, "gpt-4o"), delta, 17);

        var arrived = RoundTrip(change);

        Assert.Equal(change.Key, arrived.Key);
        Assert.Equal(17, arrived.Version);
        Assert.Equal(Describe(delta), Describe(arrived.Delta));
        Assert.Equal(2, arrived.Delta.Latency[LatencyHistogram.BucketOf(0.3)]);
        Assert.Equal(1, arrived.Delta.TimeToFirstToken[LatencyHistogram.BucketOf(0.02)]);
    }

    [Fact]
    public void A_negative_change_without_histograms_or_seen_times_arrives_equal()
    {
        var delta = new RollupValues { Traces = -1, Observations = -3, Cost = -2.5m };
        delta.Scores["quality"] = new ScoreSum(-0.5, -1);
        var change = new RollupChange(new RollupKey("project-1", RollupScope.User, "user-1", 0, Bucket, ""), delta, 4);

        var arrived = RoundTrip(change);

        Assert.Equal(change.Key, arrived.Key);
        Assert.Equal(Describe(delta), Describe(arrived.Delta));
        Assert.Empty(arrived.Delta.Latency);
        Assert.Null(arrived.Delta.FirstSeen);
    }

    private static RollupChange RoundTrip(RollupChange change)
    {
        var json = JsonSerializer.Serialize(new PartitionRollupChanges([RollupChangeMessage.From(change)]), SystemTextJsonMessageSerializer.Options);
        return Assert.Single(JsonSerializer.Deserialize<PartitionRollupChanges>(json, SystemTextJsonMessageSerializer.Options)!.Changes).ToChange();
    }

    private static string Describe(RollupValues v) => string.Join(" | ",
        v.Traces, v.Observations, v.Generations, v.Errors, v.Cost, v.InputTokens, v.OutputTokens, v.TotalTokens,
        string.Join(",", v.Latency), string.Join(",", v.TimeToFirstToken),
        string.Join(",", v.Scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value.Sum}/{s.Value.Count}")),
        v.FirstSeen?.UtcTicks, v.LastSeen?.UtcTicks);
}
