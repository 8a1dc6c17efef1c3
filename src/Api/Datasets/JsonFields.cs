using System.Text.Json;

namespace Lantern.Api.Datasets;

/// <summary>Reads optional fields of a request body: strings, and any JSON value kept as raw text.</summary>
public static class JsonFields
{
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string value; <paramref name="error"/> is set when the field is present but not a string.</summary>
    public static string? Text(JsonElement body, string name, ref string? error)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        error ??= $"{name}: expected a string";
        return null;
    }

    public static string? Raw(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null;

    /// <summary>Route values keep <c>%2F</c> encoded; names with folders are decoded here.</summary>
    public static string Decode(string name) => name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
