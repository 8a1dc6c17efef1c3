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

    /// <summary>
    /// The <see cref="EntityState"/> of <paramref name="entity"/> as JSON, written field by field: this runs for every row a
    /// trace grain commits, and copying the state into dictionaries for the serializer allocated more than the row itself.
    /// </summary>
    public static string Serialize(Entity entity) => JsonText.Write(entity, static (writer, entity) =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("values");
        foreach (var (field, raw) in entity.Values)
        {
            if (field is not ("input" or "output"))
            {
                writer.WriteString(field, raw);
            }
        }

        writer.WriteEndObject();
        WriteStamps(writer, "stamps", entity.Stamps);
        WriteStamps(writer, "metadataStamps", entity.MetadataStamps);
        writer.WriteNumber("firstEventTicks", entity.FirstEventTicks);
        writer.WriteString("observationType", entity.ObservationType);
        writer.WriteNumber("observationTypeRank", entity.ObservationTypeRank);
        writer.WritePropertyName("cost");
        JsonSerializer.Serialize(writer, entity.Cost, Options);
        writer.WriteEndObject();
    });

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

    // Each stamp packed as "ticks|rank|eventId".
    private static void WriteStamps(Utf8JsonWriter writer, string name, Dictionary<string, FieldStamp> stamps)
    {
        writer.WriteStartObject(name);
        Span<char> packed = stackalloc char[256];
        foreach (var (field, stamp) in stamps)
        {
            if (packed.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"{stamp.Ticks}|{stamp.Rank}|{stamp.EventId}", out var length))
            {
                writer.WriteString(field, packed[..length]);
            }
            else
            {
                writer.WriteString(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{stamp.Ticks}|{stamp.Rank}|{stamp.EventId}"));
            }
        }

        writer.WriteEndObject();
    }

    private static FieldStamp Unpack(string packed)
    {
        var parts = packed.Split('|', 3);
        return new FieldStamp(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }
}
