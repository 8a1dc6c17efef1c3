using System.Net;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

public sealed class UserEndpointTests(UserRollupFixture fixture) : IClassFixture<UserRollupFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Theory]
    [InlineData("", "bob,carol,alice")]
    [InlineData("?orderBy=lastSeen.asc", "alice,carol,bob")]
    [InlineData("?orderBy=cost.desc", "bob,carol,alice")]
    [InlineData("?orderBy=cost.asc", "alice,carol,bob")]
    [InlineData("?orderBy=tokens.desc", "carol,alice,bob")]
    [InlineData("?orderBy=traces.desc", "alice,carol,bob")]
    [InlineData("?orderBy=traces", "alice,carol,bob")]
    public async Task The_user_list_is_sorted_as_requested(string query, string expected)
    {
        var (status, body) = await _http.GetJsonAsync($"/api/public/users{query}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, string.Join(",", Strings(body["data"], "userId")));
    }

    [Fact]
    public async Task A_user_list_item_carries_the_users_totals()
    {
        var (_, body) = await _http.GetJsonAsync("/api/public/users");
        var carol = body["data"]!.AsArray().Single(u => (string?)u!["userId"] == "carol")!;

        Assert.Equal(0.4m, Dec(carol["totalCost"]));
        Assert.Equal(1200, (long)carol["inputTokens"]!);
        Assert.Equal(800, (long)carol["outputTokens"]!);
        Assert.Equal(2000, (long)carol["totalTokens"]!);
        Assert.Equal(2, (long)carol["traces"]!);
        Assert.Equal(2, (long)carol["observations"]!);
        Assert.Equal(T0.AddHours(3), (DateTimeOffset)carol["firstSeen"]!);
        Assert.Equal(T0.AddHours(3).AddMinutes(10), (DateTimeOffset)carol["lastSeen"]!);
    }

    [Theory]
    [InlineData(1, "bob,carol", 3, 2)]
    [InlineData(2, "alice", 3, 2)]
    [InlineData(3, "", 3, 2)]
    public async Task The_user_list_pages_with_exact_meta(int page, string expected, int totalItems, int totalPages)
    {
        var (_, body) = await _http.GetJsonAsync($"/api/public/users?limit=2&page={page}");

        Assert.Equal(expected, string.Join(",", Strings(body["data"], "userId")));
        Assert.Equal(page, (int)body["meta"]!["page"]!);
        Assert.Equal(2, (int)body["meta"]!["limit"]!);
        Assert.Equal(totalItems, (int)body["meta"]!["totalItems"]!);
        Assert.Equal(totalPages, (int)body["meta"]!["totalPages"]!);
    }

    [Fact]
    public async Task A_window_keeps_the_hours_from_its_start_up_to_its_end()
    {
        var (_, body) = await _http.GetJsonAsync(
            $"/api/public/users?orderBy=cost.desc&from={Iso(T0.AddHours(1).AddMinutes(30))}&to={Iso(T0.AddHours(4))}");

        Assert.Equal("carol,alice", string.Join(",", Strings(body["data"], "userId")));
        Assert.Equal(2, (long)body["data"]![1]!["traces"]!);
        Assert.Equal(2, (int)body["meta"]!["totalItems"]!);
    }

    [Fact]
    public async Task A_users_detail_has_totals_per_model_and_score_averages()
    {
        var alice = await _http.GetWhenAsync("/api/public/users/alice", b => b["scores"]?["quality"] is not null);

        Assert.Equal("alice", (string?)alice["id"]);
        Assert.Equal(0.03m, Dec(alice["totalCost"]));
        Assert.Equal(300, (long)alice["totalTokens"]!);
        Assert.Equal(3, (long)alice["traces"]!);
        Assert.Equal(3, (long)alice["generations"]!);
        Assert.Equal(0, (long)alice["errors"]!);
        Assert.Equal(T0, (DateTimeOffset)alice["firstSeen"]!);
        Assert.Equal(T0.AddHours(2), (DateTimeOffset)alice["lastSeen"]!);
        Assert.Equal("gpt-4o,claude", string.Join(",", Strings(alice["models"], "model")));
        Assert.Equal(0.02m, Dec(alice["models"]![0]!["totalCost"]));
        Assert.Equal(2, (long)alice["models"]![0]!["generations"]!);
        Assert.Equal(0.75, (double)alice["scores"]!["quality"]!["average"]!);
        Assert.Equal(2, (long)alice["scores"]!["quality"]!["count"]!);
    }

    [Fact]
    public async Task A_users_detail_in_a_window_counts_only_its_hours()
    {
        var alice = await _http.GetWhenAsync($"/api/public/users/alice?from={Iso(T0.AddHours(1))}", b => (long)b["traces"]! == 2);

        Assert.Equal(0.02m, Dec(alice["totalCost"]));
        Assert.Equal(T0.AddHours(1), (DateTimeOffset)alice["from"]!);

        var empty = await _http.GetWhenAsync($"/api/public/users/bob?to={Iso(T0.AddHours(1))}", _ => true);
        Assert.Equal(0, (long)empty["traces"]!);
        Assert.Equal(0m, Dec(empty["totalCost"]));
    }

    [Fact]
    public async Task An_unknown_user_is_404_with_langfuses_error_body() =>
        await _http.ExpectNotFoundAsync("/api/public/users/nobody");

    [Theory]
    [InlineData("?orderBy=name.desc", "orderBy")]
    [InlineData("?orderBy=cost.up", "orderBy")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=x", "page")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from must be earlier than to")]
    public async Task Bad_list_parameters_are_400_saying_what_is_wrong(string query, string mentions) =>
        await _http.ExpectBadRequestAsync($"/api/public/users{query}", mentions);

    [Fact]
    public async Task Bad_detail_parameters_are_400() =>
        await _http.ExpectBadRequestAsync("/api/public/users/alice?to=soon", "to");

    [Fact]
    public async Task Without_a_key_the_user_endpoints_are_401()
    {
        using var anonymous = fixture.App.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/public/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/public/users/alice")).StatusCode);
    }
}
