using System.Net;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Ingestion;

public sealed class RollupInvariantTests
{
    private const string Recomputed = """
        SELECT {0} AS key, count(*) AS traces, sum(o.observations) AS observations, sum(o.generations) AS generations,
               sum(o.errors) AS errors, sum(o.cost) AS cost, sum(o.tokens) AS tokens
        FROM traces t CROSS JOIN LATERAL (
            SELECT count(*) AS observations,
                   count(*) FILTER (WHERE model IS NOT NULL OR usage_details <> '{{}}' OR cost_details <> '{{}}') AS generations,
                   count(*) FILTER (WHERE level = 'ERROR') AS errors,
                   coalesce(sum(total_cost), 0) AS cost, coalesce(sum((usage_details->>'total')::bigint), 0) AS tokens
            FROM observations o WHERE o.project_id = t.project_id AND o.trace_id = t.id) o
        WHERE {0} IS NOT NULL GROUP BY 1 ORDER BY 1
        """;

    private const string RolledUp = """
        SELECT scope_key AS key, sum(traces) AS traces, sum(observations) AS observations, sum(generations) AS generations,
               sum(errors) AS errors, sum(cost) AS cost, sum(total_tokens) AS tokens
        FROM rollups WHERE scope = $1 GROUP BY scope_key ORDER BY 1
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task After_shuffled_resent_concurrent_batches_every_rollup_equals_a_recomputation_from_the_stored_rows(int seed)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var workload = new RollupWorkload(seed);
        var deliveries = workload.Deliveries(workload.Events(traces: 60), batchSize: 15, resendShare: 0.4);

        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, _) =>
        {
            var (response, body) = await http.PostAsync(batch);
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
            Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
        });

        Assert.Equal(60L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
        foreach (var (scope, column) in new[] { ("user", "t.user_id"), ("session", "t.session_id"), ("project", "''") })
        {
            var expected = await Sql.RowsAsync(app.ConnectionString, string.Format(System.Globalization.CultureInfo.InvariantCulture, Recomputed, column));
            var actual = await Sql.RowsAsync(app.ConnectionString, RolledUp, scope);
            Assert.Equal(Describe(expected), Describe(actual));
        }

        var promptsExpected = await Sql.RowsAsync(app.ConnectionString,
            "SELECT prompt_name, prompt_version, count(*) AS n, sum(total_cost) AS cost FROM observations WHERE prompt_name IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2");
        var promptsActual = await Sql.RowsAsync(app.ConnectionString,
            "SELECT scope_key, scope_version, sum(generations) AS n, sum(cost) AS cost FROM rollups WHERE scope = 'prompt' GROUP BY 1, 2 ORDER BY 1, 2");
        Assert.NotEmpty(promptsExpected);
        Assert.Equal(Describe(promptsExpected), Describe(promptsActual));

        var grains = app.Services.GetRequiredService<IGrainFactory>();
        foreach (var row in await Sql.RowsAsync(app.ConnectionString, string.Format(System.Globalization.CultureInfo.InvariantCulture, Recomputed, "t.user_id")))
        {
            var key = $"{LanternApp.ProjectId}/{row["key"]}";
            await Eventually.TrueAsync(async () =>
            {
                var summary = await grains.GetGrain<IUserGrain>(key).GetSummaryAsync(null, null);
                return summary.Traces == (long)row["traces"]! && summary.TotalCost == (decimal)row["cost"]! &&
                       summary.Errors == (decimal)row["errors"]! && summary.TotalTokens == (decimal)row["tokens"]!;
            }, $"the in-memory rollup of {key} equals the recomputation");
        }
    }

    private static List<string> Describe(List<Dictionary<string, object?>> rows) =>
        [.. rows.Select(r => string.Join(" | ", r.Values.Select(v => Convert.ToString(v is decimal d ? d.Normalize() : v, System.Globalization.CultureInfo.InvariantCulture))))];
}
