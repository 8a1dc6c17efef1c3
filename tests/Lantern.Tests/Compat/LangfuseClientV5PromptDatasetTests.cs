using System.Text.Json;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Compat;

/// <summary>The real JS v5 client managing prompts and running a dataset experiment whose spans arrive over OTLP.</summary>
public sealed class LangfuseClientV5PromptDatasetTests
{
    private static readonly string[] Packages =
    [
        "@langfuse/client@5.11.1", "@langfuse/otel@5.11.1", "@langfuse/tracing@5.11.1", "@opentelemetry/api@1.9.0", "@opentelemetry/core@2.0.1",
        "@opentelemetry/sdk-trace-base@2.0.1", "@opentelemetry/sdk-trace-node@2.0.1", "@opentelemetry/exporter-trace-otlp-http@0.203.0",
    ];

    [Fact]
    public async Task The_js_v5_client_versions_labels_and_compiles_prompts_and_links_experiment_spans_to_a_run()
    {
        var packages = await NodePackages.InstallAsync(Packages);
        var (app, baseUrl) = await LanternApp.StartListeningAsync();
        await using var _ = app;

        var output = await NodePackages.RunScriptAsync(packages, "langfuse-client-v5-prompts-datasets.js", new Dictionary<string, string>
        {
            ["LANGFUSE_BASE_URL"] = baseUrl,
            ["LANGFUSE_PUBLIC_KEY"] = LanternApp.PublicKey,
            ["LANGFUSE_SECRET_KEY"] = LanternApp.SecretKey,
        });
        var read = LangfuseBatch.Json(output.Split('\n').Last(l => l.StartsWith("{\"staging\"", StringComparison.Ordinal)));

        var staging = read.GetProperty("staging");
        Assert.Equal((1, "Hello Ada!", 0.1), (staging.GetProperty("version").GetInt32(), staging.GetProperty("text").GetString(), staging.GetProperty("temperature").GetDouble()));
        Assert.Equal((2, "Hi Ada, welcome back."), (read.GetProperty("production").GetProperty("version").GetInt32(), read.GetProperty("production").GetProperty("text").GetString()));
        var chat = read.GetProperty("chat").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToList();
        Assert.Equal([("system", "You help with Lantern."), ("user", "hi")], chat);
        Assert.Equal(1, read.GetProperty("promotedVersion").GetInt32());
        Assert.Equal(404, read.GetProperty("missing").GetInt32());
        Assert.Equal("frequent questions", read.GetProperty("datasetDescription").GetString());
        Assert.Equal(["q1", "q2"], read.GetProperty("itemIds").EnumerateArray().Select(i => i.GetString()));
        var run = read.GetProperty("run");
        Assert.Equal(("v5-run", "from the v5 client"), (run.GetProperty("name").GetString(), run.GetProperty("description").GetString()));
        Assert.Equal(Links(read.GetProperty("links")).Order(), Links(run.GetProperty("items")).Order());
        var traceIds = Links(read.GetProperty("links")).Select(l => l.Trace!).ToArray();
        Assert.Equal(2L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM observations WHERE type = 'GENERATION' AND trace_id = ANY($1)", (object)traceIds));
    }

    private static IEnumerable<(string? Item, string? Trace, string? Observation)> Links(JsonElement links) =>
        links.EnumerateArray().Select(l => (l.GetProperty("item").GetString(), l.GetProperty("trace").GetString(), l.GetProperty("observation").GetString()));
}
