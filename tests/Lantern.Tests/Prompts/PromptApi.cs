using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Prompts;

/// <summary>Calls to <c>/api/public/v2/prompts</c> with the test project's Basic key.</summary>
internal sealed class PromptApi(HttpClient http)
{
    public HttpClient Http => http;

    public static async Task<(LanternApp App, PromptApi Api)> StartAsync()
    {
        var app = await LanternApp.StartAsync();
        return (app, new PromptApi(app.CreateClient().Authorized()));
    }

    public async Task<(int Status, JsonElement Body)> CreateAsync(JsonObject body) =>
        await ReadAsync(await http.PostAsJsonAsync("/api/public/v2/prompts", body));

    public Task<(int Status, JsonElement Body)> CreateTextAsync(string name, string prompt, params string[] labels) =>
        CreateAsync(new JsonObject { ["name"] = name, ["prompt"] = prompt, ["labels"] = new JsonArray([.. labels.Select(l => JsonValue.Create(l))]) });

    public async Task<(int Status, JsonElement Body)> GetAsync(string name, string query = "") =>
        await ReadAsync(await http.GetAsync($"/api/public/v2/prompts/{Uri.EscapeDataString(name)}{query}"));

    public async Task<(int Status, JsonElement Body)> PatchLabelsAsync(string name, int version, params string[] labels) =>
        await ReadAsync(await http.PatchAsJsonAsync($"/api/public/v2/prompts/{Uri.EscapeDataString(name)}/versions/{version}", new { newLabels = labels }));

    public async Task<(int Status, JsonElement Body)> ListAsync(string query = "") =>
        await ReadAsync(await http.GetAsync($"/api/public/v2/prompts{query}"));

    public async Task<int> DeleteAsync(string name, string query = "") =>
        (int)(await http.DeleteAsync($"/api/public/v2/prompts/{Uri.EscapeDataString(name)}{query}")).StatusCode;

    private static async Task<(int Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
