using System.Globalization;
using System.Text.Json;
using Lantern.Contracts.Ingestion;

namespace Lantern.Grains.Traces;

/// <summary>
/// Stores an entity's merge state (field values and stamps) in the row's <c>fields</c> column, so the owning grain can
/// reload it and keep merging later events exactly as if it had never been deactivated. Input, output and metadata live in
/// their own columns (large, and encrypted later), so they are left out here and put back on load.
/// </summary>
/// <remarks>
/// Values are written as the JSON they are (<c>raw</c>), and each stamp once with the fields it set (<c>stamped</c>):
/// this runs for every row a trace grain commits, and the first form (each value escaped into a string, each field with
/// its own copy of the stamp) was the largest part of a commit's CPU and made the column a third longer. Rows stored in
/// that form (<c>values</c>, <c>stamps</c>, <c>metadataStamps</c>) are still read.
/// </remarks>
public static class EntityCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    [ThreadStatic]
    private static List<FieldStamp>? t_distinct;

    public static string Serialize(Entity entity) => JsonText.Write(entity, static (writer, entity) =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("raw");
        foreach (var (field, raw) in entity.Values)
        {
            if (field is not ("input" or "output"))
            {
                writer.WritePropertyName(field);
                // Every value is the raw text of a parsed JSON element (EntityMerger) or of a stored one: valid JSON.
                writer.WriteRawValue(raw, skipInputValidation: true);
            }
        }

        writer.WriteEndObject();
        WriteStamps(writer, "stamped", entity.Stamps);
        WriteStamps(writer, "metadataStamped", entity.MetadataStamps);
        writer.WriteNumber("firstEventTicks", entity.FirstEventTicks);
        writer.WriteString("observationType", entity.ObservationType);
        writer.WriteNumber("observationTypeRank", entity.ObservationTypeRank);
        writer.WritePropertyName("cost");
        ObservationCostJson.Write(writer, entity.Cost);
        writer.WriteEndObject();
    });

    public static Entity Deserialize(EntityKind kind, string id, string fieldsJson, string? input, string? output, string? metadata, IEnumerable<string>? tags)
    {
        var entity = new Entity { Kind = kind, Id = id };
        using (var document = JsonDocument.Parse(fieldsJson))
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                Read(entity, property);
            }
        }

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

    private static void Read(Entity entity, JsonProperty property)
    {
        var value = property.Value;
        switch (property.Name)
        {
            case "raw":
                ReadEach(value, entity.Values, v => v.GetRawText());
                break;
            case "values":
                // That form kept text PostgreSQL cannot hold as JSON (\u0000 in a field with no column of its own) escaped.
                ReadEach(value, entity.Values, v => StorableJson.Storable(v.GetString()!));
                break;
            case "stamped":
                ReadStamped(value, entity.Stamps);
                break;
            case "metadataStamped":
                ReadStamped(value, entity.MetadataStamps);
                break;
            case "stamps":
                ReadEach(value, entity.Stamps, v => Unpack(v.GetString()!));
                break;
            case "metadataStamps":
                ReadEach(value, entity.MetadataStamps, v => Unpack(v.GetString()!));
                break;
            case "firstEventTicks":
                entity.FirstEventTicks = value.GetInt64();
                break;
            case "observationType":
                entity.ObservationType = value.GetString();
                break;
            case "observationTypeRank":
                entity.ObservationTypeRank = value.GetInt32();
                break;
            case "cost":
                entity.Cost = value.Deserialize<ObservationCost>(Options);
                break;
        }
    }

    // Each stamp once, packed as "ticks|rank|eventId", with the fields it set: most fields share the stamp of the event
    // that created the entity, so the distinct stamps are few and the fields are walked once per stamp.
    private static void WriteStamps(Utf8JsonWriter writer, string name, Dictionary<string, FieldStamp> stamps)
    {
        var distinct = t_distinct ??= [];
        distinct.Clear();
        foreach (var stamp in stamps.Values)
        {
            if (!distinct.Contains(stamp))
            {
                distinct.Add(stamp);
            }
        }

        writer.WriteStartObject(name);
        Span<char> packed = stackalloc char[256];
        foreach (var stamp in distinct)
        {
            writer.WriteStartArray(packed.TryWrite(CultureInfo.InvariantCulture, $"{stamp.Ticks}|{stamp.Rank}|{stamp.EventId}", out var length)
                ? packed[..length]
                : string.Create(CultureInfo.InvariantCulture, $"{stamp.Ticks}|{stamp.Rank}|{stamp.EventId}"));
            foreach (var (field, fieldStamp) in stamps)
            {
                if (fieldStamp == stamp)
                {
                    writer.WriteStringValue(field);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void ReadEach<T>(JsonElement members, Dictionary<string, T> into, Func<JsonElement, T> read)
    {
        foreach (var member in members.EnumerateObject())
        {
            into[member.Name] = read(member.Value);
        }
    }

    private static void ReadStamped(JsonElement stamped, Dictionary<string, FieldStamp> stamps)
    {
        foreach (var group in stamped.EnumerateObject())
        {
            var stamp = Unpack(group.Name);
            foreach (var field in group.Value.EnumerateArray())
            {
                stamps[field.GetString()!] = stamp;
            }
        }
    }

    private static FieldStamp Unpack(string packed)
    {
        var parts = packed.Split('|', 3);
        return new FieldStamp(long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
    }
}
