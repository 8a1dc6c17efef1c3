namespace Lantern.Grains.Traces;

/// <summary>
/// A trace, observation or score as merged so far: each field's raw JSON value with the stamp of the event that set it.
/// Mutable on purpose: the owning grain merges events into it in place, one turn at a time.
/// </summary>
public sealed class Entity
{
    private const int ExpectedFields = 16;
    private static readonly string[] PayloadFields = ["input", "output"];

    public required EntityKind Kind { get; init; }

    public required string Id { get; init; }

    /// <summary>Field name (wire spelling) to its raw JSON value; input, output and metadata included.</summary>
    /// <remarks>Sized for a generation's dozen fields: growing from empty reallocated both dictionaries twice per entity.</remarks>
    public Dictionary<string, string> Values { get; init; } = new(ExpectedFields, StringComparer.Ordinal);

    public Dictionary<string, FieldStamp> Stamps { get; init; } = new(ExpectedFields, StringComparer.Ordinal);

    /// <summary>
    /// Fingerprints of the written input and output, taken as they are merged (or as they are loaded). Both are
    /// write-once (see <see cref="EntityMerger"/>), so once committed the text can leave <see cref="Values"/> and the
    /// stored row stays right.
    /// </summary>
    public Dictionary<string, UInt128> PayloadFingerprints { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Top-level metadata keys, each merged on its own (Langfuse deep-merges metadata).</summary>
    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, FieldStamp> MetadataStamps { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Trace tags: a union, never shrinking.</summary>
    public SortedSet<string> Tags { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The earliest event timestamp seen: the default for start times and trace timestamps.</summary>
    public long FirstEventTicks { get; set; } = long.MaxValue;

    /// <summary>Observation type from a create event (rank 0) or, until one arrives, from an update.</summary>
    public string? ObservationType { get; set; }

    public int ObservationTypeRank { get; set; } = int.MaxValue;

    /// <summary>
    /// The cost priced when the observation last changed. Kept (and stored) so that a reload does not re-price with a
    /// newer price table, which would make rollups disagree with what was committed.
    /// </summary>
    public ObservationCost? Cost { get; set; }

    public string? Get(string field) => Values.GetValueOrDefault(field);

    /// <summary>Whether the field was ever set, including an input or output whose committed text has left memory.</summary>
    public bool Has(string field) => Values.ContainsKey(field) || PayloadFingerprints.ContainsKey(field);

    /// <summary>Drops committed input and output text from memory, keeping their fingerprints.</summary>
    public void ReleasePayloads()
    {
        foreach (var field in PayloadFields)
        {
            if (Values.Remove(field, out var json) && !PayloadFingerprints.ContainsKey(field))
            {
                PayloadFingerprints[field] = PayloadFingerprint.Of(json);
            }
        }
    }
}
