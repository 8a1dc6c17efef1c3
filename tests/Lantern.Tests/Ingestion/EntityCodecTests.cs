using Lantern.Grains.Traces;

namespace Lantern.Tests.Ingestion;

/// <summary>
/// A trace grain that is deactivated and reloads its entities from the <c>fields</c> column must go on merging exactly as
/// before: every value, stamp, metadata stamp, the observation type and the priced cost survive the round trip.
/// </summary>
public sealed class EntityCodecTests
{
    [Fact]
    public void Merge_state_survives_a_round_trip_through_the_fields_column()
    {
        var entity = new Entity { Kind = EntityKind.Observation, Id = "obs-1", FirstEventTicks = 638_000_000_000_000_001, ObservationType = "GENERATION", ObservationTypeRank = 0 };
        entity.Values["name"] = "\"chat \\\"é\\\" | step\"";
        entity.Values["model"] = "\"gpt-4o\"";
        entity.Values["input"] = "{\"messages\":[]}";
        entity.Stamps["name"] = new FieldStamp(638_000_000_000_000_002, 1, "event|with|bars");
        entity.Stamps["model"] = new FieldStamp(638_000_000_000_000_003, 0, "e-2");
        entity.MetadataStamps["team"] = new FieldStamp(638_000_000_000_000_004, 1, "e-3");
        entity.Cost = new ObservationCost(
            new Dictionary<string, long> { ["input"] = 12, ["output"] = 30 }, new Dictionary<string, decimal> { ["input"] = 0.000012m },
            0.000042m, "gpt-4o", "tier-1", "Standard", 0.000001m, 0.000001m, null);

        var fields = EntityCodec.Serialize(entity);
        var loaded = EntityCodec.Deserialize(EntityKind.Observation, "obs-1", fields, "{\"messages\":[]}", null, "{\"team\":\"core\"}", null);

        Assert.Equal(entity.Values.OrderBy(v => v.Key), loaded.Values.OrderBy(v => v.Key));
        Assert.Equal(entity.Stamps.OrderBy(s => s.Key), loaded.Stamps.OrderBy(s => s.Key));
        Assert.Equal(entity.MetadataStamps, loaded.MetadataStamps);
        Assert.Equal("\"core\"", loaded.Metadata["team"]);
        Assert.Equal((entity.FirstEventTicks, entity.ObservationType, entity.ObservationTypeRank), (loaded.FirstEventTicks, loaded.ObservationType, loaded.ObservationTypeRank));
        Assert.Equal(entity.Cost.TotalCost, loaded.Cost!.TotalCost);
        Assert.Equal(entity.Cost.UsageDetails, loaded.Cost.UsageDetails);
        Assert.Equal(entity.Cost.CostDetails, loaded.Cost.CostDetails);
        Assert.DoesNotContain("messages", fields, StringComparison.Ordinal); // input lives in its own column
    }

    [Fact]
    public void An_entity_without_cost_or_type_round_trips_with_nulls()
    {
        var entity = new Entity { Kind = EntityKind.Trace, Id = "t-1", FirstEventTicks = 1 };
        entity.Values["userId"] = "\"u-1\"";
        entity.Stamps["userId"] = new FieldStamp(5, 0, "e-1");

        var loaded = EntityCodec.Deserialize(EntityKind.Trace, "t-1", EntityCodec.Serialize(entity), null, null, null, ["a"]);

        Assert.Null(loaded.Cost);
        Assert.Null(loaded.ObservationType);
        Assert.Equal("\"u-1\"", loaded.Values["userId"]);
        Assert.Equal(new FieldStamp(5, 0, "e-1"), loaded.Stamps["userId"]);
        Assert.Equal(["a"], loaded.Tags);
    }
}
