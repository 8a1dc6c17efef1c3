using Lantern.Tests.Infrastructure;
using Lantern.Tests.Queries;

namespace Lantern.Tests.Compat;

/// <summary>The real JS v5 client (<c>@langfuse/client</c>) reading traces, v2 observations, sessions and scores, and deleting a score.</summary>
public sealed class LangfuseClientV5ReadTests
{
    [Fact]
    public async Task The_js_v5_client_lists_reads_pages_and_deletes_through_its_api_client()
    {
        var packages = await NodePackages.InstallAsync("@langfuse/client@5.11.1");
        var (app, baseUrl) = await LanternApp.StartListeningAsync();
        await using var _ = app;
        await QuerySeed.IngestAsync(app.CreateClient().Authorized());

        var output = await NodePackages.RunScriptAsync(packages, "langfuse-client-v5-read.js", new Dictionary<string, string>
        {
            ["LANGFUSE_BASE_URL"] = baseUrl,
            ["LANGFUSE_PUBLIC_KEY"] = LanternApp.PublicKey,
            ["LANGFUSE_SECRET_KEY"] = LanternApp.SecretKey,
        });
        var read = LangfuseBatch.Json(output.Trim().Split('\n')[^1]);

        Assert.Equal(["t4", "t3"], Strings(read, "traceIds"));
        Assert.Equal(2, read.GetProperty("totalItems").GetInt32());
        Assert.Equal((2, 0.03m), (read.GetProperty("traceObservations").GetInt32(), read.GetProperty("traceCost").GetDecimal()));
        Assert.Equal(["t4-g", "t3-g"], Strings(read, "firstPage"));
        Assert.Equal((0.03m, "bob"), (read.GetProperty("firstCost").GetDecimal(), read.GetProperty("firstUser").GetString()));
        Assert.Equal(["t2-g", "t1-g"], Strings(read, "nextPage"));
        Assert.Equal(4, read.GetProperty("sessionTraces").GetInt32());
        Assert.Equal(["t4-q", "t3-q", "t2-q"], Strings(read, "scoreIds"));
        Assert.Equal(0.5, read.GetProperty("scoreValue").GetDouble());
        Assert.Equal(4, read.GetProperty("remainingScores").GetInt32());
    }

    private static IEnumerable<string?> Strings(System.Text.Json.JsonElement read, string name) =>
        read.GetProperty(name).EnumerateArray().Select(e => e.GetString());
}
