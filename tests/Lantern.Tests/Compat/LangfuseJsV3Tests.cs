using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Compat;

/// <summary>The real JS SDK v3 from npm, unmodified, pointed at Lantern with LANGFUSE_BASEURL.</summary>
public sealed class LangfuseJsV3Tests
{
    [Fact]
    public async Task Everything_the_js_v3_sdk_sends_is_stored_field_by_field_and_read_back_through_its_fetch_helpers()
    {
        var packages = await NodePackages.InstallAsync("langfuse@3.39.2");
        var (app, baseUrl) = await LanternApp.StartListeningAsync();
        await using var _ = app;

        await NodePackages.RunScriptAsync(packages, "langfuse-v3.js", SdkEnvironment(baseUrl));

        var trace = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM traces"));
        Assert.Equal(("sdk-trace", "sdk-chat", "sdk-user", "sdk-session", "1.2.3", "v7"),
            ((string)trace["id"]!, (string)trace["name"]!, (string)trace["user_id"]!, (string)trace["session_id"]!, (string)trace["release"]!, (string)trace["version"]!));
        Assert.Equal(["compat", "v3"], (string[])trace["tags"]!);
        Assert.Equal("hi", LangfuseBatch.Json((string)trace["input"]!).GetProperty("question").GetString());
        Assert.Equal("hello", LangfuseBatch.Json((string)trace["output"]!).GetProperty("answer").GetString());
        Assert.Equal("compat", LangfuseBatch.Json((string)trace["metadata"]!).GetProperty("suite").GetString());
        Assert.Equal(3, (int)trace["observation_count"]!);

        var observations = (await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM observations")).ToDictionary(o => (string)o["id"]!);
        Assert.Equal(["sdk-event", "sdk-generation", "sdk-span"], observations.Keys.Order());
        var generation = observations["sdk-generation"];
        Assert.Equal(("GENERATION", "sdk-trace", "sdk-span", "gpt-4o", "answer"),
            ((string)generation["type"]!, (string)generation["trace_id"]!, (string)generation["parent_observation_id"]!, (string)generation["model"]!, (string)generation["name"]!));
        Assert.NotNull(generation["end_time"]);
        Assert.NotNull(generation["completion_start_time"]);
        Assert.Equal("hello", LangfuseBatch.Json((string)generation["output"]!).GetProperty("content").GetString());
        var usage = LangfuseBatch.Json((string)generation["usage_details"]!);
        Assert.Equal((1000, 500, 1500), (usage.GetProperty("input").GetInt64(), usage.GetProperty("output").GetInt64(), usage.GetProperty("total").GetInt64()));
        Assert.Equal(0.1, LangfuseBatch.Json((string)generation["model_parameters"]!).GetProperty("temperature").GetDouble());
        Assert.Equal(("SPAN", "retrieval"), ((string)observations["sdk-span"]["type"]!, (string)observations["sdk-span"]["name"]!));
        Assert.NotNull(observations["sdk-span"]["end_time"]);
        Assert.Equal(("EVENT", "WARNING"), ((string)observations["sdk-event"]["type"]!, (string)observations["sdk-event"]["level"]!));

        var scores = (await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM scores")).ToDictionary(s => (string)s["id"]!);
        Assert.Equal(("quality", 0.75, "good", "sdk-trace"),
            ((string)scores["sdk-score"]["name"]!, (double)scores["sdk-score"]["value"]!, (string)scores["sdk-score"]["comment"]!, (string)scores["sdk-score"]["trace_id"]!));
        Assert.Equal(("csat", "happy", "sdk-session"),
            ((string)scores["sdk-session-score"]["name"]!, (string)scores["sdk-session-score"]["string_value"]!, (string)scores["sdk-session-score"]["session_id"]!));

        var output = await NodePackages.RunScriptAsync(packages, "langfuse-v3-read.js", SdkEnvironment(baseUrl));
        var read = LangfuseBatch.Json(output.Trim().Split('\n')[^1]);
        Assert.Equal(["sdk-trace"], read.GetProperty("traceIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, read.GetProperty("totalItems").GetInt32());
        Assert.Equal(("sdk-chat", 3), (read.GetProperty("traceName").GetString(), read.GetProperty("observationCount").GetInt32()));
        Assert.Equal(["quality"], read.GetProperty("scoreNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["sdk-generation"], read.GetProperty("generationIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("gpt-4o", 1000), (read.GetProperty("generationModel").GetString(), read.GetProperty("generationInput").GetInt32()));
        Assert.Equal(["sdk-session"], read.GetProperty("sessionIds").EnumerateArray().Select(e => e.GetString()));
    }

    private static Dictionary<string, string> SdkEnvironment(string baseUrl) => new()
    {
        ["LANGFUSE_BASEURL"] = baseUrl,
        ["LANGFUSE_PUBLIC_KEY"] = LanternApp.PublicKey,
        ["LANGFUSE_SECRET_KEY"] = LanternApp.SecretKey,
    };
}
