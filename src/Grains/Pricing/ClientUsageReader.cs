using System.Globalization;
using System.Text.Json;
using Lantern.Grains.Traces;

namespace Lantern.Grains.Pricing;

/// <summary>
/// Normalises what a client sent (reference §3.4): the legacy <c>usage</c> object, <c>usageDetails</c> as a free map or in
/// OpenAI's Chat Completions / Responses shape, and <c>costDetails</c>. Unreadable values are dropped, never fatal.
/// </summary>
public static class ClientUsageReader
{
    public static ClientUsage Read(Entity observation)
    {
        var usage = new Dictionary<string, long>(StringComparer.Ordinal);
        var cost = new Dictionary<string, decimal>(StringComparer.Ordinal);
        using var legacy = Parse(observation.Get("usage"));
        using var details = Parse(observation.Get("usageDetails"));
        using var costs = Parse(observation.Get("costDetails"));
        var split = legacy is not null && ReadLegacy(legacy.RootElement, usage, cost);
        split |= details is not null && ReadDetails(details.RootElement, usage);
        if (costs is not null)
        {
            foreach (var property in costs.RootElement.EnumerateObject())
            {
                if (Number(property.Value) is { } value)
                {
                    cost[property.Name] = value;
                }
            }
        }

        UsageAliases.DropDuplicates(usage);
        if (!split)
        {
            CacheSplit.ExcludeCachedFromInput(usage);
        }

        return new ClientUsage(usage, cost);
    }

    /// <returns>Whether the usage came in an OpenAI shape, which is split into exclusive buckets already.</returns>
    private static bool ReadLegacy(JsonElement root, Dictionary<string, long> usage, Dictionary<string, decimal> cost)
    {
        if (OpenAiUsage.TryConvert(root, usage))
        {
            return true;
        }

        foreach (var property in root.EnumerateObject())
        {
            var key = property.Name switch
            {
                "input" or "promptTokens" => "input",
                "output" or "completionTokens" => "output",
                "total" or "totalTokens" => "total",
                _ => null,
            };
            if (key is not null && Count(property.Value) is { } count && (property.Name == key || !usage.ContainsKey(key)))
            {
                usage[key] = count;
            }
            else if (property.Name is "inputCost" or "outputCost" or "totalCost" && Number(property.Value) is { } price)
            {
                cost[property.Name[..^"Cost".Length]] = price;
            }
        }

        return false;
    }

    private static bool ReadDetails(JsonElement root, Dictionary<string, long> usage)
    {
        var converted = new Dictionary<string, long>(StringComparer.Ordinal);
        if (OpenAiUsage.TryConvert(root, converted))
        {
            foreach (var (key, value) in converted)
            {
                usage[key] = value;
            }

            return true;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (Count(property.Value) is { } count)
            {
                usage[property.Name] = count;
            }
        }

        return false;
    }

    private static JsonDocument? Parse(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Stored fields are valid JSON; anything else is treated as absent.
        }

        return null;
    }

    /// <summary>A usage count: a non-negative integer, as a number or a numeric string.</summary>
    internal static long? Count(JsonElement value) =>
        Number(value) is { } number && number == decimal.Truncate(number) && number <= long.MaxValue ? (long)number : null;

    /// <summary>A non-negative number, as a number or a numeric string.</summary>
    internal static decimal? Number(JsonElement value)
    {
        decimal number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var parsed))
        {
            number = parsed;
        }
        else if (value.ValueKind == JsonValueKind.String &&
                 decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var text))
        {
            number = text;
        }
        else
        {
            return null;
        }

        return number >= 0 ? number : null;
    }
}
