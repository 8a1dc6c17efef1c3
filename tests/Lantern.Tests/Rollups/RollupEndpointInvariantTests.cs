using System.Globalization;
using System.Text.Json.Nodes;
using Lantern.Grains.Rollups;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Ingestion;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

/// <summary>Every rollup endpoint's numbers equal a recomputation from the stored traces, observations and scores.</summary>
public sealed class RollupEndpointInvariantTests
{
    [Fact]
    public async Task After_shuffled_resent_batches_every_rollup_endpoint_equals_a_recomputation_from_the_stored_rows()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var workload = new RollupWorkload(seed: 7);
        foreach (var batch in workload.Deliveries(workload.Events(traces: 80), batchSize: 20, resendShare: 0.3))
        {
            await http.IngestAsync(batch);
        }

        await UsersListEqualsRecomputationAsync(app, http);
        await GrainEndpointEqualsRecomputationAsync(app, http, "t.user_id", id => $"/api/public/users/{id}");
        await GrainEndpointEqualsRecomputationAsync(app, http, "t.session_id", id => $"/api/public/sessions/{id}/summary");
        await PromptMetricsEqualRecomputationAsync(app, http);
        await DailyMetricsEqualRecomputationAsync(app, http);
    }

    private static async Task UsersListEqualsRecomputationAsync(LanternApp app, HttpClient http)
    {
        var expected = await Recomputation.TotalsAsync(app.ConnectionString, "t.user_id");
        var (_, body) = await http.GetJsonAsync("/api/public/users?limit=100");

        // The list does not carry generations: compare every other measure.
        var withoutGenerations = expected.ToDictionary(e => e.Key, e => string.Join("|", e.Value.Split('|').Where((_, i) => i != 2)));
        var actual = body["data"]!.AsArray().ToDictionary(u => (string)u!["userId"]!, u => Recomputation.Line(
            (long)u!["traces"]!, (long)u["observations"]!, (long)u["errors"]!, Dec(u["totalCost"]), (long)u["inputTokens"]!,
            (long)u["outputTokens"]!, (long)u["totalTokens"]!));
        Assert.Equal(expected.Count, (int)body["meta"]!["totalItems"]!);
        Assert.Equal(Sorted(withoutGenerations), Sorted(actual));
    }

    private static async Task GrainEndpointEqualsRecomputationAsync(LanternApp app, HttpClient http, string column, Func<string, string> url)
    {
        var totals = await Recomputation.TotalsAsync(app.ConnectionString, column);
        var models = await Recomputation.ModelsAsync(app.ConnectionString, column);
        var scores = await Recomputation.ScoresAsync(app.ConnectionString, column);
        Assert.NotEmpty(totals);
        foreach (var (key, line) in totals)
        {
            var body = await http.GetWhenAsync(url(key), b => Totals(b) == line);
            Assert.Equal(models.GetValueOrDefault(key, ""), string.Join(";", body["models"]!.AsArray().Select(m =>
                $"{(string?)m!["model"]}:{Dec(m["totalCost"]).ToString("F9", CultureInfo.InvariantCulture)}:{(long)m["generations"]!}")));
            Assert.Equal(scores.GetValueOrDefault(key, ""), string.Join(";", body["scores"]!.AsObject().OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => $"{s.Key}:{Math.Round((decimal)(double)s.Value!["average"]!, 6, MidpointRounding.AwayFromZero).ToString("F6", CultureInfo.InvariantCulture)}:{(long)s.Value["count"]!}")));
        }
    }

    private static async Task PromptMetricsEqualRecomputationAsync(LanternApp app, HttpClient http)
    {
        var rows = await Sql.RowsAsync(app.ConnectionString, """
            SELECT prompt_name, prompt_version, count(*) AS n, sum(total_cost) AS cost, sum((usage_details->>'input')::bigint) AS input,
                   sum((usage_details->>'output')::bigint) AS output, array_agg(extract(epoch FROM end_time - start_time)::double precision) AS latencies
            FROM observations WHERE prompt_name IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2 DESC
            """);
        Assert.NotEmpty(rows);
        foreach (var prompt in rows.GroupBy(r => (string)r["prompt_name"]!))
        {
            var expected = prompt.Select(r =>
            {
                var histogram = new long[LatencyHistogram.Size];
                foreach (var latency in (double[])r["latencies"]!)
                {
                    histogram[LatencyHistogram.BucketOf(latency)]++;
                }

                return Recomputation.Line(r["prompt_version"], r["n"], r["cost"], r["input"], r["output"],
                    LatencyHistogram.Quantile(histogram, 0.5), LatencyHistogram.Quantile(histogram, 0.95));
            }).ToList();
            var body = await http.GetWhenAsync($"/api/public/prompts/{prompt.Key}/metrics", b => Versions(b).SequenceEqual(expected));
            Assert.Equal(expected, Versions(body));
        }
    }

    private static async Task DailyMetricsEqualRecomputationAsync(LanternApp app, HttpClient http)
    {
        var expected = await Sql.RowsAsync(app.ConnectionString, """
            SELECT day || '|' || model || '|' || n || '|' || traces || '|' || cost || '|' || input AS line FROM (
                SELECT to_char(t.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, o.model, count(*) AS n, count(DISTINCT t.id) AS traces,
                       sum(o.total_cost)::numeric(20, 9) AS cost, sum((o.usage_details->>'input')::bigint) AS input
                FROM observations o JOIN traces t ON t.project_id = o.project_id AND t.id = o.trace_id
                WHERE o.model IS NOT NULL GROUP BY 1, 2) AS per_day_model
            """);
        var (_, body) = await http.GetJsonAsync("/api/public/metrics/daily");

        var actual = body["data"]!.AsArray().SelectMany(d => d!["usage"]!.AsArray().Select(u =>
                $"{(string?)d["date"]}|{(string?)u!["model"]}|{(long)u["countObservations"]!}|{(long)u["countTraces"]!}|" +
                $"{Dec(u["totalCost"]).ToString("F9", CultureInfo.InvariantCulture)}|{(long)u["inputUsage"]!}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(r => (string)r["line"]!).Order(StringComparer.Ordinal), actual);
    }

    private static string Totals(JsonNode b) => Recomputation.Line(
        (long)b["traces"]!, (long)b["observations"]!, (long)b["generations"]!, (long)b["errors"]!, Dec(b["totalCost"]),
        (long)b["inputTokens"]!, (long)b["outputTokens"]!, (long)b["totalTokens"]!);

    private static List<string> Versions(JsonNode body) => [.. body["data"]!.AsArray().Select(v => Recomputation.Line(
        (int)v!["version"]!, (long)v["generations"]!, Dec(v["totalCost"]), (long)v["inputTokens"]!, (long)v["outputTokens"]!,
        (double?)v["latencyP50"], (double?)v["latencyP95"]))];

    private static List<string> Sorted(Dictionary<string, string> rows) => [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}")];
}
