using System.Buffers;
using System.Text.Json;
using Lantern.Contracts.Ingestion;
using Lantern.Grains.Pii;

namespace Lantern.Silo.Pii;

/// <summary>
/// Applies the project's policy to the free-text fields of each event body (input, output, metadata, status messages and
/// score comments); ids, names and numbers are left alone so routing, grouping and costs are unchanged.
/// </summary>
public sealed class EventMasker(PiiPolicyStore policies, PiiMasker masker) : IEventMasker
{
    private static readonly HashSet<string> MaskedFields = new(StringComparer.Ordinal) { "input", "output", "metadata", "statusMessage", "comment" };

    public async ValueTask<IReadOnlyList<IngestionEvent>> MaskAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(projectId, cancellationToken);
        if (!policy.IsActive)
        {
            return events;
        }

        var masked = new IngestionEvent[events.Count];
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < events.Count; i++)
        {
            masked[i] = Mask(events[i], policy, buffer);
        }

        return masked;
    }

    private IngestionEvent Mask(IngestionEvent @event, PiiPolicy policy, ArrayBufferWriter<byte> buffer)
    {
        if (@event.Body.ValueKind != JsonValueKind.Object)
        {
            return @event;
        }

        buffer.ResetWrittenCount();
        var changed = false;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in @event.Body.EnumerateObject())
            {
                if (MaskedFields.Contains(property.Name))
                {
                    writer.WritePropertyName(property.Name);
                    changed |= masker.WriteMasked(property.Value, policy, writer);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        if (!changed)
        {
            return @event;
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return @event with { Body = document.RootElement.Clone() };
    }
}
