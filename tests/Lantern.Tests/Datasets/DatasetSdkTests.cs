using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Datasets;

/// <summary>The real JS SDK v3 runs a dataset experiment against Lantern: create, upsert items, page, link, read the run.</summary>
public sealed class DatasetSdkTests
{
    [Fact]
    public async Task The_js_v3_sdk_pages_through_items_links_generations_to_a_run_and_reads_the_run_back()
    {
        var packages = await NodePackages.InstallAsync("langfuse@3.39.2");
        var (app, baseUrl) = await LanternApp.StartListeningAsync();
        await using var _ = app;

        var output = await NodePackages.RunScriptAsync(packages, "langfuse-v3-datasets.js", new Dictionary<string, string>
        {
            ["LANGFUSE_BASEURL"] = baseUrl,
            ["LANGFUSE_PUBLIC_KEY"] = LanternApp.PublicKey,
            ["LANGFUSE_SECRET_KEY"] = LanternApp.SecretKey,
        });

        var read = LangfuseBatch.Json(output.Split('\n').Last(l => l.StartsWith("{\"description\"", StringComparison.Ordinal)));
        Assert.Equal("golden answers", read.GetProperty("description").GetString());
        Assert.Equal(["item-1", "item-2", "item-3", "item-4", "item-5"], read.GetProperty("itemIds").EnumerateArray().Select(i => i.GetString()));
        var item3 = read.GetProperty("item3");
        Assert.Equal(("q3", "a3-fixed"), (item3.GetProperty("input").GetProperty("question").GetString(),
            item3.GetProperty("expectedOutput").GetProperty("answer").GetString()));
        Assert.Equal(("run-1", "first run"), (read.GetProperty("runName").GetString(), read.GetProperty("runDescription").GetString()));
        var links = read.GetProperty("runItems").EnumerateArray()
            .Select(r => (r.GetProperty("item").GetString(), r.GetProperty("trace").GetString(), r.GetProperty("observation").GetString()))
            .OrderBy(r => r.Item1).ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => ((string?)$"item-{i}", (string?)$"run-trace-item-{i}", (string?)$"run-gen-item-{i}")), links);
        Assert.Equal(["run-1"], read.GetProperty("runNames").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(5L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM dataset_run_items"));
    }
}
