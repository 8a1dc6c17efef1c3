using System.Text.Json;
using Lantern.Contracts.Ingestion;

namespace Lantern.Grains.Traces;

/// <summary>
/// Langfuse's merge rules (reference §3.5) as per-field last-writer-wins: later stamps overwrite; absent fields and
/// empty objects never do (explicit null can); immutable fields keep their earliest value; input and output keep the
/// last non-empty value; metadata merges per top-level key; tags are a union. Except that input and output, once
/// written, are an audit record: a later value may fill one that was never set, but never change one that was (the
/// attempt is ignored and reported), whatever the stamps say.
/// </summary>
public static class EntityMerger
{
    private static readonly HashSet<string> TraceImmutable = ["timestamp", "environment"];
    private static readonly HashSet<string> ObservationImmutable = ["traceId", "startTime", "environment"];
    private static readonly HashSet<string> ScoreImmutable = ["timestamp", "traceId", "environment"];
    private static readonly HashSet<string> Skipped = ["id", "metadata", "tags", "type"];

    /// <summary>Merges one event into the entity. Returns whether anything changed.</summary>
    /// <param name="entity">The entity merged so far.</param>
    /// <param name="event">The event to merge.</param>
    /// <param name="ignoredRewrites">Receives the name of each written input or output the event tried to change.</param>
    public static bool Apply(Entity entity, IngestionEvent @event, ICollection<string>? ignoredRewrites = null)
    {
        var stamp = new FieldStamp(@event.Timestamp.UtcTicks, @event.Type.IsUpdate() ? 1 : 0, @event.EventId);
        var changed = false;
        if (@event.Timestamp.UtcTicks < entity.FirstEventTicks)
        {
            entity.FirstEventTicks = @event.Timestamp.UtcTicks;
            changed = true;
        }

        changed |= MergeObservationType(entity, @event, stamp.Rank);
        foreach (var property in @event.Body.EnumerateObject())
        {
            var name = PropertyNames.Of(property);
            changed |= name switch
            {
                "metadata" => MergeMetadata(entity, property.Value, stamp),
                "tags" => MergeTags(entity, property.Value),
                _ when Skipped.Contains(name) => false,
                "input" or "output" when entity.Kind != EntityKind.Score => MergePayload(entity, name, property.Value, stamp, ignoredRewrites),
                _ => MergeField(entity, name, property.Value, stamp),
            };
        }

        if (changed)
        {
            entity.Cost = null;
        }

        return changed;
    }

    private static bool MergeField(Entity entity, string field, JsonElement value, FieldStamp stamp)
    {
        if (IsEmptyObject(value) || (field is "input" or "output" && IsEmpty(value)))
        {
            return false;
        }

        if (entity.Stamps.TryGetValue(field, out var current))
        {
            var keepsEarliest = ImmutableFields(entity.Kind).Contains(field);
            if (keepsEarliest ? stamp >= current : stamp <= current)
            {
                return false;
            }
        }

        entity.Values[field] = value.GetRawText();
        entity.Stamps[field] = stamp;
        return true;
    }

    private static bool MergePayload(Entity entity, string field, JsonElement value, FieldStamp stamp, ICollection<string>? ignoredRewrites)
    {
        if (!entity.PayloadFingerprints.TryGetValue(field, out var written))
        {
            if (!entity.Values.TryGetValue(field, out var text))
            {
                var merged = MergeField(entity, field, value, stamp);
                if (merged)
                {
                    entity.PayloadFingerprints[field] = PayloadFingerprint.Of(value);
                }

                return merged;
            }

            written = entity.PayloadFingerprints[field] = PayloadFingerprint.Of(text);
        }

        // Resending the same value (SDK retries, an upsert that repeats the input) is not a rewrite.
        if (!IsEmpty(value) && !IsEmptyObject(value) && PayloadFingerprint.Of(value) != written)
        {
            ignoredRewrites?.Add(field);
        }

        return false;
    }

    private static bool MergeMetadata(Entity entity, JsonElement metadata, FieldStamp stamp)
    {
        if (metadata.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return MergeMetadataKey(entity, "metadata", metadata, stamp);
        }

        var changed = false;
        foreach (var property in metadata.EnumerateObject())
        {
            changed |= MergeMetadataKey(entity, PropertyNames.Of(property), property.Value, stamp);
        }

        return changed;
    }

    private static bool MergeMetadataKey(Entity entity, string key, JsonElement value, FieldStamp stamp)
    {
        if (entity.MetadataStamps.TryGetValue(key, out var current) && stamp <= current)
        {
            return false;
        }

        entity.Metadata[key] = value.GetRawText();
        entity.MetadataStamps[key] = stamp;
        return true;
    }

    private static bool MergeTags(Entity entity, JsonElement tags)
    {
        if (tags.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var changed = false;
        foreach (var tag in tags.EnumerateArray())
        {
            if (tag.ValueKind == JsonValueKind.String)
            {
                changed |= entity.Tags.Add(tag.GetString()!);
            }
        }

        return changed;
    }

    private static bool MergeObservationType(Entity entity, IngestionEvent @event, int rank)
    {
        var type = @event.Type.ObservationType();
        if (type is null && @event.Type is IngestionEventType.ObservationCreate or IngestionEventType.ObservationUpdate &&
            @event.Body.TryGetProperty("type", out var legacy) && legacy.ValueKind == JsonValueKind.String)
        {
            type = legacy.GetString()!.ToUpperInvariant();
        }

        if (type is null || rank >= entity.ObservationTypeRank)
        {
            return false;
        }

        var changed = entity.ObservationType != type;
        entity.ObservationType = type;
        entity.ObservationTypeRank = rank;
        return changed;
    }

    private static HashSet<string> ImmutableFields(EntityKind kind) => kind switch
    {
        EntityKind.Trace => TraceImmutable,
        EntityKind.Observation => ObservationImmutable,
        _ => ScoreImmutable,
    };

    private static bool IsEmptyObject(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.GetPropertyCount() == 0;

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };
}
