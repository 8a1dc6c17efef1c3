using System.Net;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

public sealed class ScopeEndpointTests(UserRollupFixture fixture) : IClassFixture<UserRollupFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task A_session_summary_sums_its_traces()
    {
        var session = await _http.GetWhenAsync("/api/public/sessions/s1/summary", b => (long)b["traces"]! == 3);

        Assert.Equal("s1", (string?)session["id"]);
        Assert.Equal(0.03m, Dec(session["totalCost"]));
        Assert.Equal(180, (long)session["inputTokens"]!);
        Assert.Equal(120, (long)session["outputTokens"]!);
        Assert.Equal(3, (long)session["observations"]!);
        Assert.Equal("gpt-4o,claude", string.Join(",", Strings(session["models"], "model")));
        Assert.Equal(T0, (DateTimeOffset)session["firstSeen"]!);
    }

    [Fact]
    public async Task A_session_summary_in_a_window_counts_only_its_hours()
    {
        var session = await _http.GetWhenAsync($"/api/public/sessions/s1/summary?to={Iso(T0.AddHours(2))}", b => (long)b["traces"]! == 2);

        Assert.Equal(0.02m, Dec(session["totalCost"]));
        Assert.Equal("gpt-4o", string.Join(",", Strings(session["models"], "model")));
    }

    [Fact]
    public async Task An_unknown_session_is_404() => await _http.ExpectNotFoundAsync("/api/public/sessions/nope/summary");

    [Fact]
    public async Task A_bad_session_window_is_400() =>
        await _http.ExpectBadRequestAsync($"/api/public/sessions/s1/summary?from={Iso(T0)}&to={Iso(T0)}", "from must be earlier than to");

    [Fact]
    public async Task Prompt_metrics_are_per_version_newest_first()
    {
        var body = await _http.GetWhenAsync("/api/public/prompts/team%2Fsummary/metrics", b => b["data"]!.AsArray().Count == 2 &&
            b["data"]![1]!["scores"]?["quality"] is not null && b["data"]![0]!["scores"]?["quality"] is not null);
        var (v2, v1) = (body["data"]![0]!, body["data"]![1]!);

        Assert.Equal(UserRollupFixture.PromptName, (string?)body["name"]);
        Assert.Equal(2, (int)v2["version"]!);
        Assert.Equal(2, (long)v2["generations"]!);
        Assert.Equal(0.21m, Dec(v2["totalCost"]));
        Assert.Equal(1100, (long)v2["totalTokens"]!);
        Assert.Equal(1.0, (double)v2["scores"]!["quality"]!["average"]!);
        Assert.Equal(1, (int)v1["version"]!);
        Assert.Equal(1, (long)v1["generations"]!);
        Assert.Equal(0.5, (double)v1["scores"]!["quality"]!["average"]!);
        // Every generation took one second: the histogram estimate lies inside the bucket holding 1 s.
        Assert.InRange((double)v2["latencyP50"]!, 0.75, 1.0);
        Assert.InRange((double)v2["latencyP95"]!, 0.75, 1.0);
        Assert.Null(v2["timeToFirstTokenP50"]);
    }

    [Fact]
    public async Task Prompt_metrics_in_a_window_count_only_its_hours()
    {
        var body = await _http.GetWhenAsync($"/api/public/prompts/team%2Fsummary/metrics?from={Iso(T0.AddHours(2))}",
            b => b["data"]!.AsArray().Count == 1);

        Assert.Equal(2, (int)body["data"]![0]!["version"]!);
        Assert.Equal(1, (long)body["data"]![0]!["generations"]!);
    }

    [Fact]
    public async Task A_prompt_without_linked_generations_has_no_versions()
    {
        var (status, body) = await _http.GetJsonAsync("/api/public/prompts/unused/metrics");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body["data"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_prompt_window_is_400() =>
        await _http.ExpectBadRequestAsync("/api/public/prompts/team%2Fsummary/metrics?from=later", "from");
}
