using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lantern.Api.Queries.Observations;

/// <summary>
/// The v2 observation shape: <c>core</c> fields always, the other groups only when <c>fields</c> names them (default
/// <c>core,basic</c>), so list pages carry no input, output or metadata unless asked for (reference §5.2).
/// </summary>
public static class ObservationFieldGroups
{
    private const int MetadataValueLimit = 200;
    private static readonly string[] Known = ["core", "basic", "time", "io", "metadata", "model", "usage", "prompt", "metrics", "trace_context"];
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The requested groups, or null with the reason when one is unknown.</summary>
    public static HashSet<string>? Parse(string fields, out string? error)
    {
        error = null;
        var groups = fields.Length == 0
            ? ["core", "basic"]
            : fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = groups.FirstOrDefault(g => !Known.Contains(g, StringComparer.Ordinal));
        if (unknown is not null)
        {
            error = $"fields: '{unknown}' is not one of {string.Join(", ", Known)}";
            return null;
        }

        return groups;
    }

    public static JsonObject Project(ObservationView o, ObservationTraceContext trace, HashSet<string> groups, HashSet<string> expandMetadata)
    {
        var json = new JsonObject
        {
            ["id"] = o.Id, ["traceId"] = o.TraceId, ["startTime"] = o.StartTime, ["endTime"] = o.EndTime, ["projectId"] = o.ProjectId,
            ["parentObservationId"] = o.ParentObservationId, ["type"] = o.Type,
        };
        if (groups.Contains("basic"))
        {
            json["name"] = o.Name;
            json["level"] = o.Level;
            json["statusMessage"] = o.StatusMessage;
            json["version"] = o.Version;
            json["environment"] = o.Environment;
            json["bookmarked"] = trace.Bookmarked;
            json["public"] = trace.Public;
            json["userId"] = trace.UserId;
            json["sessionId"] = trace.SessionId;
            json["isRootObservation"] = o.ParentObservationId is null;
        }

        if (groups.Contains("time"))
        {
            json["completionStartTime"] = o.CompletionStartTime;
            json["createdAt"] = o.CreatedAt;
            json["updatedAt"] = o.UpdatedAt;
        }

        if (groups.Contains("io"))
        {
            json["input"] = o.Input?.GetRawText();
            json["output"] = o.Output?.GetRawText();
        }

        if (groups.Contains("metadata"))
        {
            json["metadata"] = Metadata(o.Metadata, expandMetadata);
        }

        if (groups.Contains("model"))
        {
            json["providedModelName"] = o.Model;
            json["internalModelId"] = o.ModelId;
            json["modelParameters"] = Node(o.ModelParameters);
        }

        if (groups.Contains("usage"))
        {
            json["usageDetails"] = JsonSerializer.SerializeToNode(o.UsageDetails, Web);
            json["costDetails"] = JsonSerializer.SerializeToNode(o.CostDetails, Web);
            json["totalCost"] = o.CalculatedTotalCost;
            json["usagePricingTierName"] = o.UsagePricingTierName;
        }

        if (groups.Contains("prompt"))
        {
            json["promptId"] = o.PromptId;
            json["promptName"] = o.PromptName;
            json["promptVersion"] = o.PromptVersion;
        }

        if (groups.Contains("metrics"))
        {
            json["latency"] = o.Latency;
            json["timeToFirstToken"] = o.TimeToFirstToken;
        }

        if (groups.Contains("trace_context"))
        {
            json["tags"] = new JsonArray([.. trace.Tags.Select(t => (JsonNode?)t)]);
            json["release"] = trace.Release;
            json["traceName"] = trace.Name;
        }

        return json;
    }

    // Long metadata values are cut to keep list pages small; expandMetadata names the keys to send whole.
    private static JsonObject? Metadata(JsonElement? metadata, HashSet<string> expand)
    {
        if (metadata is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var property in value.EnumerateObject())
        {
            var raw = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            json[property.Name] = raw.Length <= MetadataValueLimit || expand.Contains(property.Name)
                ? Node(property.Value)
                : raw[..MetadataValueLimit] + "...";
        }

        return json;
    }

    private static JsonNode? Node(JsonElement? element) => element is { } value ? JsonNode.Parse(value.GetRawText()) : null;
}
