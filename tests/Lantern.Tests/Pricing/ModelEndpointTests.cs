using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Grains.Traces;
using Lantern.Silo.Pricing;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Pricing;

public sealed class ModelEndpointTests
{
    [Fact]
    public async Task The_list_pages_through_the_built_in_models_marked_as_langfuse_managed()
    {
        await using var app = await LanternApp.StartAsync();
        var http = Client(app);

        var page = await http.GetFromJsonAsync<JsonElement>("/api/public/models?page=2&limit=100");

        var meta = page.GetProperty("meta");
        Assert.Equal(167, meta.GetProperty("totalItems").GetInt32());
        Assert.Equal(2, meta.GetProperty("totalPages").GetInt32());
        Assert.Equal(67, page.GetProperty("data").GetArrayLength());
        Assert.All(page.GetProperty("data").EnumerateArray(), m => Assert.True(m.GetProperty("isLangfuseManaged").GetBoolean()));
        var gpt4o = await http.GetFromJsonAsync<JsonElement>("/api/public/models/b9854a5c92dc496b997d99d20");
        Assert.Equal("gpt-4o", gpt4o.GetProperty("modelName").GetString());
        Assert.Equal(0.0000025m, gpt4o.GetProperty("inputPrice").GetDecimal());
        Assert.Equal(0.00000125m, gpt4o.GetProperty("prices").GetProperty("input_cached_tokens").GetProperty("price").GetDecimal());
        Assert.Equal(2, gpt4o.GetProperty("pricingTiers").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, gpt4o.GetProperty("startDate").ValueKind);
    }

    [Fact]
    public async Task A_created_model_is_listed_first_readable_used_for_pricing_and_deletable()
    {
        await using var app = await LanternApp.StartAsync();
        var http = Client(app);

        var created = await http.PostAsync("/api/public/models", Json("""
            {"modelName": "gpt-4o", "matchPattern": "(?i)^(openai/)?gpt-4o$", "unit": "TOKENS", "inputPrice": 0.001, "outputPrice": 0.002,
             "tokenizerId": "openai", "tokenizerConfig": {"tokenizerModel": "gpt-4o"}}
            """));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var model = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = model.GetProperty("id").GetString()!;
        Assert.False(model.GetProperty("isLangfuseManaged").GetBoolean());
        Assert.Equal(0.002m, model.GetProperty("prices").GetProperty("output").GetProperty("price").GetDecimal());
        Assert.Equal("Standard", model.GetProperty("pricingTiers")[0].GetProperty("name").GetString());
        Assert.Equal("gpt-4o", model.GetProperty("tokenizerConfig").GetProperty("tokenizerModel").GetString());

        var first = (await http.GetFromJsonAsync<JsonElement>("/api/public/models?limit=1")).GetProperty("data")[0];
        Assert.Equal(id, first.GetProperty("id").GetString());
        Assert.Equal(id, (await http.GetFromJsonAsync<JsonElement>($"/api/public/models/{id}")).GetProperty("id").GetString());

        var pricer = app.Services.GetRequiredService<IObservationPricer>();
        var cost = pricer.Price(LanternApp.ProjectId, Observations.Generation("gpt-4o", usageDetails: """{"input": 10, "output": 1}"""));
        Assert.Equal(id, cost.ModelId);
        Assert.Equal(0.012m, cost.TotalCost);

        var deleted = await http.DeleteAsync($"/api/public/models/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("Model successfully deleted", (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/public/models/{id}")).StatusCode);
        Assert.Equal("b9854a5c92dc496b997d99d20", pricer.Price(LanternApp.ProjectId, Observations.Generation("gpt-4o", usageDetails: """{"input": 1}""")).ModelId);
    }

    [Fact]
    public async Task A_model_with_pricing_tiers_is_created_with_its_conditions()
    {
        await using var app = await LanternApp.StartAsync();
        var http = Client(app);

        var created = await http.PostAsync("/api/public/models", Json("""
            {"modelName": "tiered", "matchPattern": "(?i)^tiered$", "pricingTiers": [
              {"name": "Standard", "isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 0.001}},
              {"name": "Large", "isDefault": false, "priority": 1, "prices": {"input": 0.002},
               "conditions": [{"usageDetailPattern": "input", "operator": "gt", "value": 100, "caseSensitive": false}]}]}
            """));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var pricer = app.Services.GetRequiredService<IObservationPricer>();
        var cost = pricer.Price(LanternApp.ProjectId, Observations.Generation("tiered", usageDetails: """{"input": 200}"""));
        Assert.Equal("Large", cost.PricingTierName);
        Assert.Equal(0.4m, cost.TotalCost);
    }

    [Fact]
    public async Task A_project_with_built_in_prices_switched_off_lists_and_reads_only_its_own_models()
    {
        await using var app = await LanternApp.StartAsync();
        var http = Client(app);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/public/models", Json("""{"modelName": "mine", "matchPattern": "^mine$", "totalPrice": 1}"""))).StatusCode);

        await app.Services.GetRequiredService<ModelCatalog>().SetBuiltInPricesAsync(LanternApp.ProjectId, false, CancellationToken.None);

        var page = await http.GetFromJsonAsync<JsonElement>("/api/public/models");
        Assert.Equal(1, page.GetProperty("meta").GetProperty("totalItems").GetInt32());
        Assert.Equal("mine", page.GetProperty("data")[0].GetProperty("modelName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/models/b9854a5c92dc496b997d99d20")).StatusCode);
        var pricer = app.Services.GetRequiredService<IObservationPricer>();
        Assert.Null(pricer.Price(LanternApp.ProjectId, Observations.Generation("gpt-4o", usageDetails: """{"input": 1}""")).ModelId);
    }

    [Fact]
    public async Task A_model_created_on_one_node_prices_generations_on_another_node_sharing_the_database()
    {
        await using var first = await LanternApp.StartAsync();
        await using var second = new LanternApp(first.ConnectionString);
        _ = second.Server;
        var pricer = second.Services.GetRequiredService<IObservationPricer>();

        var created = await Client(first).PostAsync("/api/public/models", Json("""{"modelName": "shared", "matchPattern": "^shared$", "totalPrice": 1}"""));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        await Eventually.TrueAsync(
            () => pricer.Price(LanternApp.ProjectId, Observations.Generation("shared", usageDetails: """{"total": 2}""")).TotalCost == 2m,
            "the second node prices with the model created on the first");
    }

    [Theory]
    [InlineData("""{"matchPattern": "^a$", "inputPrice": 1}""", "modelName")]
    [InlineData("""{"modelName": "a", "matchPattern": "(unclosed", "inputPrice": 1}""", "matchPattern")]
    [InlineData("""{"modelName": "a", "matchPattern": "^a$", "inputPrice": 1, "totalPrice": 2}""", "totalPrice")]
    [InlineData("""{"modelName": "a", "matchPattern": "^a$"}""", "either flat prices")]
    [InlineData("""{"modelName": "a", "matchPattern": "^a$", "inputPrice": -1}""", "inputPrice")]
    [InlineData("""{"modelName": "a", "matchPattern": "^a$", "unit": "LITRES", "inputPrice": 1}""", "unit")]
    [InlineData("""{"modelName": "a", "matchPattern": "^a$", "pricingTiers": [{"name": "x", "isDefault": false, "priority": 1, "prices": {"input": 1}, "conditions": []}]}""", "exactly one tier")]
    [InlineData("""{"modelName": "a", "matchPattern": "^a$", "inputPrice": 1, "pricingTiers": []}""", "pricingTiers")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task An_invalid_model_is_refused_with_400_and_the_reason(string body, string reason)
    {
        await using var app = await LanternApp.StartAsync();

        var response = await Client(app).PostAsync("/api/public/models", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Invalid request data", error.GetProperty("message").GetString());
        Assert.Contains(reason, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Built_in_models_cannot_be_deleted_and_unknown_ids_are_not_found()
    {
        await using var app = await LanternApp.StartAsync();
        var http = Client(app);

        var deleted = await http.DeleteAsync("/api/public/models/b9854a5c92dc496b997d99d20");
        var missing = await http.GetAsync("/api/public/models/nope");

        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("LangfuseNotFoundError", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_models_api_needs_the_secret_key()
    {
        await using var app = await LanternApp.StartAsync();
        var anonymous = app.CreateClient();
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LanternApp.PublicKey);
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = Basic(LanternApp.PublicKey, "sk-lf-wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/public/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/public/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync("/api/public/models")).StatusCode);
    }

    [Fact]
    public async Task Bad_paging_parameters_are_refused_with_400()
    {
        await using var app = await LanternApp.StartAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await Client(app).GetAsync("/api/public/models?limit=101")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client(app).GetAsync("/api/public/models?page=zero")).StatusCode);
    }

    private static HttpClient Client(LanternApp app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = Basic(LanternApp.PublicKey, LanternApp.SecretKey);
        return http;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
