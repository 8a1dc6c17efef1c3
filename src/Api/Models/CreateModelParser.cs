using System.Globalization;
using System.Text.Json;
using Lantern.Grains.Pricing;

namespace Lantern.Api.Models;

/// <summary>
/// Validates a <c>CreateModelRequest</c> as Langfuse does and builds the definition: exactly one of flat prices or
/// <c>pricingTiers</c>, no <c>totalPrice</c> beside input/output prices, flat prices become the default tier, and tier
/// rules (one default tier with priority 0 and no conditions, unique names and priorities, at least one price each).
/// </summary>
internal static class CreateModelParser
{
    /// <summary>Bounds names and patterns: they are compiled and matched on the ingestion path.</summary>
    internal const int MaxLength = 1_000;

    private static readonly string[] Units = ["CHARACTERS", "TOKENS", "MILLISECONDS", "SECONDS", "IMAGES", "REQUESTS"];

    public static (ModelDefinition? Model, List<string> Errors) Parse(JsonElement body, string projectId, DateTimeOffset now)
    {
        var errors = new List<string>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, ["body: expected an object"]);
        }

        var id = Guid.NewGuid().ToString("N");
        var name = RequiredString(body, "modelName", errors);
        var pattern = RequiredString(body, "matchPattern", errors);
        if (pattern is not null && !ValidRegex(pattern))
        {
            errors.Add("matchPattern: not a valid regular expression");
        }

        var startDate = OptionalTime(body, "startDate", errors);
        var unit = OptionalString(body, "unit", errors);
        if (unit is not null && !Units.Contains(unit))
        {
            errors.Add($"unit: expected one of {string.Join(", ", Units)}");
        }

        var flat = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var key in new[] { "input", "output", "total" })
        {
            if (OptionalPrice(body, key + "Price", errors) is { } price)
            {
                flat[key] = price;
            }
        }

        var hasTiers = body.TryGetProperty("pricingTiers", out var tiersJson) && tiersJson.ValueKind != JsonValueKind.Null;
        if (flat.ContainsKey("total") && (flat.ContainsKey("input") || flat.ContainsKey("output")))
        {
            errors.Add("totalPrice: cannot be set if inputPrice or outputPrice is set");
        }

        if (hasTiers == (flat.Count > 0))
        {
            errors.Add("Provide either flat prices (inputPrice, outputPrice, totalPrice) or pricingTiers, not both and not neither");
        }

        var tiers = hasTiers ? TierParser.Parse(tiersJson, id, errors) : [new PricingTier($"{id}_tier_default", "Standard", true, 0, [], flat)];
        var tokenizerId = OptionalString(body, "tokenizerId", errors);
        string? tokenizerConfig = body.TryGetProperty("tokenizerConfig", out var config) && config.ValueKind != JsonValueKind.Null
            ? config.GetRawText()
            : null;
        return errors.Count > 0
            ? (null, errors)
            : (new ModelDefinition(id, projectId, name!, pattern!, startDate, unit, tokenizerId, tokenizerConfig, now, tiers), errors);
    }

    internal static bool ValidRegex(string pattern) => ModelMatcher.IsValidPattern(pattern);

    internal static string? RequiredString(JsonElement body, string name, List<string> errors)
    {
        var value = OptionalString(body, name, errors);
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            errors.Add($"{name}: required, a non-empty string of at most {MaxLength} characters");
            return null;
        }

        return value;
    }

    internal static string? OptionalString(JsonElement body, string name, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name}: expected a string");
            return null;
        }

        return value.GetString();
    }

    internal static decimal? OptionalPrice(JsonElement body, string name, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var price) || price < 0)
        {
            errors.Add($"{name}: expected a number >= 0");
            return null;
        }

        return price;
    }

    private static DateTimeOffset? OptionalTime(JsonElement body, string name, List<string> errors)
    {
        var text = OptionalString(body, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            errors.Add($"{name}: expected an ISO-8601 date-time");
            return null;
        }

        return time.ToUniversalTime();
    }
}
