using System.Text.Json;

namespace Lantern.Grains.Traces;

/// <summary>
/// Stores an entity's merge state (field values and stamps) in the row's <c>fields</c> column, so the owning grain can
/// reload it and keep merging later events exactly as if it had never been deactivated. Input, output and metadata live in
/// their own columns (large, and encrypted later), so they are left out here and put back on load.
/// </summary>
public static class EntityCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(Entity entity)
    {
        var values = entity.Values.Where(v => v.Key is not ("input" or "output")).ToDictionary();
        var state = new EntityState(values, entity.Stamps.ToDictionary(s => s.Key, s => Pack(s.Value)),
            entity.MetadataStamps.ToDictionary(s => s.Key, s => Pack(s.Value)), entity.FirstEventTicks,
            entity.ObservationType, entity.ObservationTypeRank, entity.Cost);
        return JsonSerializer.Serialize(state, Options);
    }

    public static Entity Deserialize(EntityKind kind, string id, string fieldsJson, string? input, string? output, string? metadata, IEnumerable<string>? tags)
    {
        var state = JsonSerializer.Deserialize<EntityState>(fieldsJson, Options)!;
        var entity = new Entity
        {
            Kind = kind,
            Id = id,
            Values = new Dictionary<string, string>(state.Values, StringComparer.Ordinal),
            Stamps = state.Stamps.ToDictionary(s => s.Key, s => Unpack(s.Value), StringComparer.Ordinal),
            MetadataStamps = state.MetadataStamps.ToDictionary(s => s.Key, s => Unpack(s.Value), StringComparer.Ordinal),
            FirstEventTicks = state.FirstEventTicks,
            ObservationType = state.ObservationType,
            ObservationTypeRank = state.ObservationTypeRank,
            Cost = state.Cost,
        };
        if (input is not null)
        {
            entity.Values["input"] = input;
        }

        if (output is not null)
        {
            entity.Values["output"] = output;
        }

        if (metadata is not null)
        {
            using var document = JsonDocument.Parse(metadata);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                entity.Metadata[property.Name] = property.Value.GetRawText();
            }
        }

        entity.Tags.UnionWith(tags ?? []);
        return entity;
    }

    private static string Pack(FieldStamp stamp) => $"{stamp.Ticks}|{stamp.Rank}|{stamp.EventId}";

    private static FieldStamp Unpack(string packed)
    {
        var parts = packed.Split('|', 3);
        return new FieldStamp(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }
}
