using System.Text.Json;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Otel;

/// <summary>
/// The unmodified Langfuse JS SDK v5 (<c>@langfuse/otel</c> + <c>@langfuse/tracing</c> on the OpenTelemetry Node SDK),
/// installed from npm, sends a trace to a node on a real port; what Lantern stored is checked field by field.
/// </summary>
public sealed class JsSdkCompatibilityTests
{
    private static readonly string[] Packages =
    [
        "@langfuse/otel@5.11.1", "@langfuse/tracing@5.11.1", "@opentelemetry/api@1.9.0", "@opentelemetry/core@2.0.1",
        "@opentelemetry/sdk-trace-base@2.0.1", "@opentelemetry/sdk-trace-node@2.0.1", "@opentelemetry/exporter-trace-otlp-http@0.203.0",
    ];

    [Fact]
    public async Task Traces_from_the_langfuse_js_sdk_v5_are_stored_as_langfuse_would_store_them()
    {
        var packages = await NodePackages.InstallAsync(Packages);
        var (app, baseUrl) = await LanternApp.StartListeningAsync();
        await using var _ = app;

        var output = await NodePackages.RunScriptAsync(packages, "langfuse-otel-v5.js", new Dictionary<string, string>
        {
            ["LANGFUSE_BASE_URL"] = baseUrl,
            ["LANGFUSE_PUBLIC_KEY"] = LanternApp.PublicKey,
            ["LANGFUSE_SECRET_KEY"] = LanternApp.SecretKey,
        });
        var ids = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'))).RootElement;
        string Id(string name) => ids.GetProperty(name).GetString()!;

        // forceFlush returned after Lantern's 200, and a 200 means durable: no waiting.
        var trace = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM traces"));
        Assert.Equal((Id("traceId"), "ask", "user-1", "session-1", "staging", "r-42"),
            ((string)trace["id"]!, (string)trace["name"]!, (string)trace["user_id"]!, (string)trace["session_id"]!,
             (string)trace["environment"]!, (string)trace["release"]!));
        Assert.Equal(["beta", "web"], (string[])trace["tags"]!);
        Assert.Equal("acme", Json(trace["metadata"]).GetProperty("tenant").GetString());
        Assert.Equal("why is the sky blue?", Json(trace["input"]).GetProperty("question").GetString());
        Assert.Equal("Rayleigh scattering.", Json(trace["output"]).GetString());
        Assert.Equal(5, (int)trace["observation_count"]!);

        var rows = (await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM observations")).ToDictionary(r => (string)r["id"]!);
        Assert.Equal(["SPAN", "GENERATION", "TOOL", "SPAN", "EVENT"],
            new[] { "root", "generation", "tool", "failed", "event" }.Select(n => (string)rows[Id(n)]["type"]!));
        Assert.Null(rows[Id("root")]["parent_observation_id"]);
        Assert.All(new[] { "generation", "tool", "failed", "event" }, n => Assert.Equal(Id("root"), rows[Id(n)]["parent_observation_id"]));
        Assert.Equal("root", Json(rows[Id("root")]["metadata"]).GetProperty("step").GetString());

        var generation = rows[Id("generation")];
        Assert.Equal(("llm-call", "gpt-4o", "staging"), ((string)generation["name"]!, (string)generation["model"]!, (string)generation["environment"]!));
        Assert.Equal(0.2, Json(generation["model_parameters"]).GetProperty("temperature").GetDouble());
        var usage = Json(generation["usage_details"]);
        Assert.Equal((1000, 500, 1500), (usage.GetProperty("input").GetInt64(), usage.GetProperty("output").GetInt64(), usage.GetProperty("total").GetInt64()));
        // Priced from the default table: gpt-4o at $2.50 / $10 per million input / output tokens.
        Assert.Equal(0.0075m, (decimal)generation["total_cost"]!);
        Assert.Equal(0.0075m, (decimal)trace["total_cost"]!);
        Assert.Equal("user", Json(generation["input"])[0].GetProperty("role").GetString());
        Assert.Equal("Rayleigh scattering.", Json(generation["output"]).GetProperty("content").GetString());
        Assert.True((DateTime)generation["end_time"]! >= (DateTime)generation["start_time"]!);

        Assert.Equal(("ERROR", "timeout"), ((string)rows[Id("failed")]["level"]!, (string)rows[Id("failed")]["status_message"]!));
        Assert.Equal("sky", Json(rows[Id("tool")]["input"]).GetProperty("query").GetString());
        Assert.Equal("thumbs up", Json(rows[Id("event")]["input"]).GetString());
    }

    private static JsonElement Json(object? column) => JsonDocument.Parse((string)column!).RootElement;
}
