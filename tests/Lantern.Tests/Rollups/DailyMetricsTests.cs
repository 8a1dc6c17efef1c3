using System.Net;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

public sealed class DailyMetricsTests(DailyMetricsFixture fixture) : IClassFixture<DailyMetricsFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Daily_metrics_have_langfuses_shape_newest_day_first()
    {
        var (status, body) = await _http.GetJsonAsync("/api/public/metrics/daily");

        Assert.Equal(HttpStatusCode.OK, status);
        var (day2, day1) = (body["data"]![0]!, body["data"]![1]!);
        Assert.Equal("2026-11-02", (string?)day2["date"]);
        Assert.Equal(1, (long)day2["countTraces"]!);
        Assert.Equal(2, (long)day2["countObservations"]!);
        Assert.Equal(0.7m, Dec(day2["totalCost"]));
        var a = day2["usage"]!.AsArray().Single()!;
        Assert.Equal(("A", 70L, 35L, 105L, 2L, 1L, 0.7m),
            ((string?)a["model"], (long)a["inputUsage"]!, (long)a["outputUsage"]!, (long)a["totalUsage"]!, (long)a["countObservations"]!,
             (long)a["countTraces"]!, Dec(a["totalCost"])));
        Assert.Equal("2026-11-01", (string?)day1["date"]);
        Assert.Equal(2, (long)day1["countTraces"]!);
        Assert.Equal(3, (long)day1["countObservations"]!);
        Assert.Equal(0.3m, Dec(day1["totalCost"]));
        Assert.Equal("B,A", string.Join(",", Strings(day1["usage"], "model")));
        Assert.Equal(2, (int)body["meta"]!["totalItems"]!);
    }

    [Theory]
    [InlineData("traceName=search", "2026-11-01:1")]
    [InlineData("traceName=chat", "2026-11-02:1,2026-11-01:1")]
    [InlineData("userId=bob", "2026-11-01:1")]
    [InlineData("tags=eu", "2026-11-02:1,2026-11-01:1")]
    [InlineData("tags=eu&tags=prod", "2026-11-01:1")]
    [InlineData("environment=production", "2026-11-01:1")]
    [InlineData("environment=production&environment=default", "2026-11-02:1,2026-11-01:2")]
    [InlineData("fromTimestamp=2026-11-01T12:00:00Z", "2026-11-02:1,2026-11-01:1")]
    [InlineData("toTimestamp=2026-11-01T12:00:00Z", "2026-11-01:1")]
    [InlineData("userId=nobody", "")]
    public async Task Daily_metrics_filter_by_trace_name_user_tags_environment_and_time(string query, string expected)
    {
        var (_, body) = await _http.GetJsonAsync($"/api/public/metrics/daily?{query}");

        Assert.Equal(expected, string.Join(",", body["data"]!.AsArray().Select(d => $"{(string?)d!["date"]}:{(long)d["countTraces"]!}")));
    }

    [Theory]
    [InlineData(1, "2026-11-02")]
    [InlineData(2, "2026-11-01")]
    [InlineData(3, "")]
    public async Task Daily_metrics_page_by_day(int page, string expected)
    {
        var (_, body) = await _http.GetJsonAsync($"/api/public/metrics/daily?limit=1&page={page}");

        Assert.Equal(expected, string.Join(",", Strings(body["data"], "date")));
        Assert.Equal(2, (int)body["meta"]!["totalItems"]!);
        Assert.Equal(2, (int)body["meta"]!["totalPages"]!);
    }

    [Theory]
    [InlineData("limit=500", "limit")]
    [InlineData("fromTimestamp=monday", "fromTimestamp")]
    [InlineData("fromTimestamp=2026-11-02T00:00:00Z&toTimestamp=2026-11-01T00:00:00Z", "fromTimestamp must be earlier than toTimestamp")]
    public async Task Bad_daily_parameters_are_400(string query, string mentions) =>
        await _http.ExpectBadRequestAsync($"/api/public/metrics/daily?{query}", mentions);
}
