using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.ScoreConfigs;

namespace Lantern.Api.Ingestion;

/// <summary>
/// Scores that name a <c>configId</c> must match it (reference §3.3): same name and data type, a number inside the range,
/// a known category. Categorical labels are stored with the category's number, and numbers with the category's label.
/// Scores without a config pass untouched, and a batch without any costs nothing.
/// </summary>
public sealed class ScoreConfigEnforcer(ScoreConfigStore configs)
{
    public async Task<(IReadOnlyList<IngestionEvent> Accepted, List<IngestionError> Rejected)> CheckAsync(
        string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        if (!events.Any(NamesConfig))
        {
            return (events, []);
        }

        var accepted = new List<IngestionEvent>(events.Count);
        var rejected = new List<IngestionError>();
        foreach (var @event in events)
        {
            if (!NamesConfig(@event))
            {
                accepted.Add(@event);
                continue;
            }

            var configId = @event.Body.GetProperty("configId").GetString()!;
            var config = await configs.GetCachedAsync(projectId, configId, cancellationToken);
            var body = JsonNode.Parse(@event.Body.GetRawText())!.AsObject();
            var error = config is null ? $"configId: no score config '{configId}' in this project" : Apply(config, body);
            if (error is null)
            {
                accepted.Add(@event with { Body = JsonSerializer.SerializeToElement(body) });
            }
            else
            {
                rejected.Add(new IngestionError(@event.EventId, StatusCodes.Status400BadRequest, "Invalid request data", error));
            }
        }

        return (accepted, rejected);
    }

    private static bool NamesConfig(IngestionEvent @event) =>
        @event.Type == IngestionEventType.ScoreCreate && @event.Body.TryGetProperty("configId", out var id) && id.ValueKind == JsonValueKind.String;

    /// <summary>Checks the score against the config and writes the config's data type and the mapped value; the error, or null.</summary>
    private static string? Apply(ScoreConfig config, JsonObject body)
    {
        if (config.IsArchived)
        {
            return $"configId: score config '{config.Id}' is archived";
        }

        if ((string?)body["name"] != config.Name)
        {
            return $"name: must be '{config.Name}', the name of score config '{config.Id}'";
        }

        if (body["dataType"] is JsonValue given && (string?)given != config.DataType)
        {
            return $"dataType: score config '{config.Id}' is {config.DataType}";
        }

        body["dataType"] = config.DataType;
        var value = body["value"];
        var number = value?.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : (double?)null;
        var text = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        switch (config.DataType)
        {
            case "NUMERIC":
                if (number is null)
                {
                    return "value: a NUMERIC score must be a number";
                }

                return number < config.MinValue || number > config.MaxValue
                    ? string.Create(CultureInfo.InvariantCulture, $"value: {number} is outside [{config.MinValue?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {config.MaxValue?.ToString(CultureInfo.InvariantCulture) ?? "+inf"}] of score config '{config.Id}'")
                    : null;
            case "TEXT":
                return text is null ? "value: a TEXT score must be a string" : null;
            default:
                var category = config.Categories?.FirstOrDefault(c => number is not null ? c.Value == number : c.Label == text);
                if (category is null)
                {
                    return $"value: must be one of {string.Join(", ", config.Categories?.Select(c => $"'{c.Label}' ({c.Value.ToString(CultureInfo.InvariantCulture)})") ?? [])}";
                }

                body["value"] = category.Value;
                body["stringValue"] = category.Label;
                return null;
        }
    }
}
