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

    [Fact]
    public void Rows_stored_by_earlier_versions_load_with_the_same_state()
    {
        // The first form of the column: each value escaped into a string, each field with its own copy of its stamp.
        const string Stored = """
            {"cost": {"modelId": "m-1", "totalCost": 0.0023750, "inputPrice": 0.0000025, "totalPrice": null, "costDetails": {"input": 0.0008750},
              "outputPrice": 0.000010, "usageDetails": {"input": 350, "total": 500}, "pricingTierId": "m-1_tier_default", "pricingTierName": "Standard"},
             "stamps": {"name": "639319494934550000|0|e-3", "usageDetails": "639319494934550001|1|e-4"},
             "values": {"name": "\"llm\"", "usageDetails": "{\"input\":350}", "note": "\"a\\u0000b\""},
             "metadataStamps": {"team": "639319494934550000|0|e-3"}, "firstEventTicks": 639319494934550000,
             "observationType": "GENERATION", "observationTypeRank": 0}
            """;

        var loaded = EntityCodec.Deserialize(EntityKind.Observation, "g-1", Stored, null, null, "{\"team\":\"core\"}", null);

        Assert.Equal(["\"llm\"", "{\"input\":350}"], [loaded.Values["name"], loaded.Values["usageDetails"]]);
        Assert.Equal("\"a\\ufffdb\"", loaded.Values["note"]); // PostgreSQL cannot hold the NUL that form kept escaped
        Assert.Equal(new FieldStamp(639319494934550000, 0, "e-3"), loaded.Stamps["name"]);
        Assert.Equal(new FieldStamp(639319494934550001, 1, "e-4"), loaded.Stamps["usageDetails"]);
        Assert.Equal(new FieldStamp(639319494934550000, 0, "e-3"), loaded.MetadataStamps["team"]);
        Assert.Equal((639319494934550000, "GENERATION", 0), (loaded.FirstEventTicks, loaded.ObservationType, loaded.ObservationTypeRank));
        Assert.Equal((0.0023750m, 350L), (loaded.Cost!.TotalCost, loaded.Cost.UsageDetails["input"]));
        var again = EntityCodec.Deserialize(EntityKind.Observation, "g-1", EntityCodec.Serialize(loaded), null, null, "{\"team\":\"core\"}", null);
        Assert.Equal(loaded.Values.OrderBy(v => v.Key), again.Values.OrderBy(v => v.Key));
        Assert.Equal(loaded.Stamps.OrderBy(s => s.Key), again.Stamps.OrderBy(s => s.Key));
    }
}
