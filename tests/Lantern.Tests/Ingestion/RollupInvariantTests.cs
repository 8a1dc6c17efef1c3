using System.Net;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Ingestion;

public sealed class RollupInvariantTests
{
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
        await RollupRecomputation.AssertConsistentAsync(app.ConnectionString);
        Assert.NotEmpty(await Sql.RowsAsync(app.ConnectionString, "SELECT 1 FROM observations WHERE prompt_name IS NOT NULL"));

        var grains = app.Services.GetRequiredService<IGrainFactory>();
        foreach (var row in await RollupRecomputation.RecomputeAsync(app.ConnectionString, "t.user_id"))
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
}
