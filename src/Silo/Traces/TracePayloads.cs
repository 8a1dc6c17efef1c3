using Lantern.Grains.Traces;
using Lantern.Silo.Encryption;

namespace Lantern.Silo.Traces;

/// <summary>
/// The one place trace payloads are encrypted on their way to PostgreSQL: input, output and metadata of the trace, its
/// observations and scores, each with its own nonce and its row and column as associated data. The grain keeps plaintext.
/// </summary>
internal static class TracePayloads
{
    public const string Traces = "traces";
    public const string Observations = "observations";
    public const string Scores = "scores";

    public static TraceWrite Encrypt(TraceWrite write, PayloadCipher cipher)
    {
        if (!cipher.Enabled)
        {
            return write;
        }

        return write with
        {
            Trace = write.Trace is { } t
                ? t with
                {
                    InputJson = cipher.Encrypt(t.InputJson, new(Traces, t.ProjectId, t.Id, "input")),
                    OutputJson = cipher.Encrypt(t.OutputJson, new(Traces, t.ProjectId, t.Id, "output")),
                    MetadataJson = cipher.Encrypt(t.MetadataJson, new(Traces, t.ProjectId, t.Id, "metadata")),
                }
                : null,
            Observations = [.. write.Observations.Select(o => o with
            {
                InputJson = cipher.Encrypt(o.InputJson, new(Observations, o.ProjectId, o.Id, "input")),
                OutputJson = cipher.Encrypt(o.OutputJson, new(Observations, o.ProjectId, o.Id, "output")),
                MetadataJson = cipher.Encrypt(o.MetadataJson, new(Observations, o.ProjectId, o.Id, "metadata")),
            })],
            Scores = [.. write.Scores.Select(s => s with { MetadataJson = cipher.Encrypt(s.MetadataJson, new(Scores, s.ProjectId, s.Id, "metadata")) })],
        };
    }

    /// <summary>An entity read back for its grain: the stored payload columns decrypted before they are merged into its state.</summary>
    public static Entity Decode(PayloadCipher cipher, EntityKind kind, string projectId, string id, string fields, string? input, string? output,
        string? metadata, string[]? tags)
    {
        var table = kind switch { EntityKind.Trace => Traces, EntityKind.Observation => Observations, _ => Scores };
        return EntityCodec.Deserialize(kind, id, fields, cipher.Decrypt(input, new(table, projectId, id, "input")),
            cipher.Decrypt(output, new(table, projectId, id, "output")), cipher.Decrypt(metadata, new(table, projectId, id, "metadata")), tags);
    }
}
