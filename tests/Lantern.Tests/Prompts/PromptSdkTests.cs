using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Prompts;

/// <summary>The real JS SDK v3 manages and compiles prompts against Lantern exactly as it does against Langfuse.</summary>
public sealed class PromptSdkTests
{
    [Fact]
    public async Task The_js_v3_sdk_creates_fetches_by_label_and_version_promotes_and_compiles_text_and_chat_prompts()
    {
        var packages = await NodePackages.InstallAsync("langfuse@3.39.2");
        var (app, baseUrl) = await LanternApp.StartListeningAsync();
        await using var _ = app;

        var output = await NodePackages.RunScriptAsync(packages, "langfuse-v3-prompts.js", new Dictionary<string, string>
        {
            ["LANGFUSE_BASEURL"] = baseUrl,
            ["LANGFUSE_PUBLIC_KEY"] = LanternApp.PublicKey,
            ["LANGFUSE_SECRET_KEY"] = LanternApp.SecretKey,
        });

        // The SDK logs the failed fetch behind the fallback; the script's result is its one JSON line.
        var read = LangfuseBatch.Json(output.Split('\n').Last(l => l.StartsWith("{\"secondVersion\"", StringComparison.Ordinal)));
        Assert.Equal(2, read.GetProperty("secondVersion").GetInt32());
        Assert.Equal((1, "Hello Ada!"), (read.GetProperty("productionVersion").GetInt32(), read.GetProperty("productionText").GetString()));
        Assert.Equal(0.2, read.GetProperty("config").GetProperty("temperature").GetDouble());
        Assert.Equal((2, "Hi Ada, welcome to Lantern"), (read.GetProperty("stagingVersion").GetInt32(), read.GetProperty("stagingText").GetString()));
        Assert.Equal(["sdk"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, read.GetProperty("firstVersion").GetInt32());
        Assert.Equal(["production"], read.GetProperty("firstLabels").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2, read.GetProperty("promotedVersion").GetInt32());
        Assert.Equal(1, read.GetProperty("chatVersion").GetInt32());
        var messages = read.GetProperty("chatMessages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToList();
        Assert.Equal([("system", "You are a pirate."), ("user", "hi"), ("assistant", "ahoy"), ("user", "Where is the treasure?")], messages);
        Assert.True(read.GetProperty("fallbackIsFallback").GetBoolean());

        var versions = await Sql.RowsAsync(app.ConnectionString, "SELECT version, labels FROM prompts WHERE name = 'sdk/greeting' ORDER BY version");
        Assert.Equal([["latest", "production", "staging"]], versions.Where(v => (int)v["version"]! == 2).Select(v => ((string[])v["labels"]!).Order().ToArray()));
        Assert.Empty(versions.Where(v => (int)v["version"]! == 1).SelectMany(v => (string[])v["labels"]!));
    }
}
