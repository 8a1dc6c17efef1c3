using System.Text.Json;
using Lantern.Silo.ScoreConfigs;

namespace Lantern.Api.ScoreConfigs;

/// <summary>
/// Reads a create or patch body over a config (a new one, or the stored one for a patch) and checks the result: NUMERIC
/// may have a range, CATEGORICAL needs distinct categories, BOOLEAN gets False (0) and True (1), TEXT has neither.
/// </summary>
public static class ScoreConfigRules
{
    private static readonly string[] DataTypes = ["NUMERIC", "BOOLEAN", "CATEGORICAL", "TEXT"];
    private static readonly ScoreConfigCategory[] BooleanCategories = [new(0, "False"), new(1, "True")];

    /// <summary>The config with the body's fields applied, or null with what is wrong.</summary>
    public static ScoreConfig? Apply(ScoreConfig config, JsonElement body, bool creating, out string? error)
    {
        error = body.ValueKind != JsonValueKind.Object ? "body: expected a JSON object" : null;
        if (error is not null)
        {
            return null;
        }

        var name = String(body, "name", ref error) ?? config.Name;
        var dataType = creating ? String(body, "dataType", ref error) : config.DataType;
        var description = body.TryGetProperty("description", out _) ? String(body, "description", ref error) : config.Description;
        var min = body.TryGetProperty("minValue", out _) ? Number(body, "minValue", ref error) : config.MinValue;
        var max = body.TryGetProperty("maxValue", out _) ? Number(body, "maxValue", ref error) : config.MaxValue;
        var archived = config.IsArchived;
        if (body.TryGetProperty("isArchived", out var isArchived))
        {
            archived = isArchived.ValueKind is JsonValueKind.True or JsonValueKind.False ? isArchived.GetBoolean() : Fail(ref error, "isArchived: must be true or false");
        }

        var categories = body.TryGetProperty("categories", out var list) ? Categories(list, ref error) : config.Categories;
        error ??= name.Length is 0 or > 255 ? "name: required, 1 to 255 characters"
            : dataType is null || !DataTypes.Contains(dataType, StringComparer.Ordinal) ? $"dataType: expected one of {string.Join(", ", DataTypes)}"
            : dataType != "NUMERIC" && (min is not null || max is not null) ? "minValue, maxValue: only NUMERIC configs have a range"
            : min > max ? "minValue: must not be greater than maxValue"
            : dataType == "CATEGORICAL" && categories is not { Count: > 0 } ? "categories: a CATEGORICAL config needs at least one"
            : dataType is "NUMERIC" or "TEXT" && categories is { Count: > 0 } ? $"categories: a {dataType} config has none"
            : categories is not null && (categories.DistinctBy(c => c.Label).Count() != categories.Count || categories.DistinctBy(c => c.Value).Count() != categories.Count)
                ? "categories: labels and values must be distinct"
            : null;
        return error is null
            ? config with
            {
                Name = name, DataType = dataType!, Description = description, MinValue = min, MaxValue = max, IsArchived = archived,
                Categories = dataType == "BOOLEAN" ? BooleanCategories : dataType == "CATEGORICAL" ? categories : null,
            }
            : null;
    }

    private static string? String(JsonElement body, string name, ref string? error)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : Fail<string>(ref error, $"{name}: must be a string");
    }

    private static double? Number(JsonElement body, string name, ref string? error)
    {
        var value = body.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => value.GetDouble(),
            _ => Fail<double?>(ref error, $"{name}: must be a number"),
        };
    }

    private static List<ScoreConfigCategory>? Categories(JsonElement list, ref string? error)
    {
        if (list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.Object
                || !c.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number
                || !c.TryGetProperty("label", out var l) || l.ValueKind != JsonValueKind.String || l.GetString()!.Length == 0))
        {
            return Fail<List<ScoreConfigCategory>>(ref error, "categories: expected an array of {\"value\": number, \"label\": string}");
        }

        return [.. list.EnumerateArray().Select(c => new ScoreConfigCategory(c.GetProperty("value").GetDouble(), c.GetProperty("label").GetString()!))];
    }

    private static bool Fail(ref string? error, string message) => Fail<bool>(ref error, message);

    private static T? Fail<T>(ref string? error, string message)
    {
        error ??= message;
        return default;
    }
}
