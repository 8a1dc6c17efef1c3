using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lantern.Tests.Infrastructure;

/// <summary>Builds ingestion batches the way the Langfuse SDKs shape them, and posts them.</summary>
public static class LangfuseBatch
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    public static JsonObject Event(string type, JsonObject body, DateTimeOffset? timestamp = null, string? eventId = null) => new()
    {
        ["id"] = eventId ?? Guid.NewGuid().ToString(),
        ["type"] = type,
        ["timestamp"] = Iso(timestamp ?? T0),
        ["body"] = body,
    };

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static HttpClient Authorized(this HttpClient http, string publicKey = LanternApp.PublicKey, string secretKey = LanternApp.SecretKey)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{publicKey}:{secretKey}")));
        return http;
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(this HttpClient http, params JsonObject[] events)
    {
        var envelope = new JsonObject { ["batch"] = new JsonArray([.. events.Select(e => e.DeepClone())]) };
        var response = await http.PostAsync("/api/public/ingestion",
            new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static string[] Ids(JsonNode? response, string list) =>
        [.. response![list]!.AsArray().Select(e => (string)e!["id"]!)];

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
