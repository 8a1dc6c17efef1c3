using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Prompts;

/// <summary>
/// Two Lantern processes on one database, each with its own registry grain for the same prompt name (as an api pod and
/// a silo, or two pods behind a load balancer, have): changes through either are never lost or doubled, and a read
/// through one sees what the other changed.
/// </summary>
public sealed class PromptAcrossProcessesTests
{
    [Fact]
    public async Task Concurrent_creates_and_label_moves_through_two_processes_keep_versions_gapless_and_each_label_on_one_version()
    {
        await using var pair = await StartPairAsync();
        var (a, b) = (pair.A, pair.B);
        for (var version = 1; version <= 5; version++)
        {
            Assert.Equal(201, (await a.CreateTextAsync("shared", $"v{version}", "production")).Status);
        }

        // Both processes hold an activation of the name before the burst.
        Assert.Equal(200, (await b.GetAsync("shared")).Status);

        var creates = Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? a : b).CreateTextAsync("shared", $"text {i}", i % 3 == 0 ? ["staging"] : Array.Empty<string>()));
        var moves = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? b : a).PatchLabelsAsync("shared", 1 + (i % 5), "production", "canary"));
        var results = await Task.WhenAll(creates.Concat(moves));

        Assert.All(results, r => Assert.True(r.Status is 200 or 201, $"{r.Status} {r.Body}"));
        var versions = await Sql.RowsAsync(pair.Database, "SELECT version, labels FROM prompts WHERE name = 'shared' ORDER BY version");
        Assert.Equal(Enumerable.Range(1, 35), versions.Select(r => (int)r["version"]!));
        foreach (var label in new[] { "latest", "production", "staging", "canary" })
        {
            Assert.Single(versions, r => ((string[])r["labels"]!).Contains(label));
        }

        Assert.Contains("latest", (string[])versions[^1]["labels"]!);
        var production = versions.Single(r => ((string[])r["labels"]!).Contains("production"))["version"];
        Assert.Equal(production, (await a.GetAsync("shared")).Body.GetProperty("version").GetInt32());
        Assert.Equal(production, (await b.GetAsync("shared")).Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_label_moved_through_one_process_is_served_by_the_other_right_away()
    {
        await using var pair = await StartPairAsync();
        var (a, b) = (pair.A, pair.B);
        foreach (var text in new[] { "v1", "v2", "v3" })
        {
            Assert.Equal(201, (await a.CreateTextAsync("greeter", text)).Status);
        }

        Assert.Equal(200, (await a.PatchLabelsAsync("greeter", 1, "production")).Status);
        Assert.Equal("v1", (await b.GetAsync("greeter")).Body.GetProperty("prompt").GetString());

        // Each step is made through one process and read through the other at once, whose activation holds the step before.
        foreach (var (writer, reader, version) in new[] { (a, b, 3), (b, a, 2), (a, b, 1), (b, a, 3) })
        {
            Assert.Equal(200, (await writer.PatchLabelsAsync("greeter", version, "production")).Status);
            var (status, served) = await reader.GetAsync("greeter");
            Assert.Equal((200, version), (status, served.GetProperty("version").GetInt32()));
        }

        // A version created through one process, then deleted through the other, is gone for both.
        Assert.Equal(4, (await b.CreateTextAsync("greeter", "v4")).Body.GetProperty("version").GetInt32());
        Assert.Equal("v4", (await a.GetAsync("greeter", "?label=latest")).Body.GetProperty("prompt").GetString());
        Assert.Equal(204, await a.DeleteAsync("greeter", "?version=4"));
        Assert.Equal(404, (await b.GetAsync("greeter", "?version=4")).Status);
        Assert.Equal(3, (await b.GetAsync("greeter", "?label=latest")).Body.GetProperty("version").GetInt32());
    }

    private static async Task<ProcessPair> StartPairAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var first = new LanternApp(database);
        _ = first.Server;
        var second = new LanternApp(database);
        _ = second.Server;
        return new ProcessPair(database, first, second);
    }
}
