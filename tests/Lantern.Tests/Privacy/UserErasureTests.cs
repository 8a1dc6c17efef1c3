using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;
using Lantern.Silo.Rollups;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Ingestion;
using Lantern.Tests.Rollups;
using Microsoft.Extensions.DependencyInjection;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Privacy;

public sealed class UserErasureTests
{
    [Fact]
    public async Task Erasing_a_user_removes_their_traces_everywhere_and_leaves_rollups_equal_to_a_recomputation()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var other = await SecondProject.CreateAsync(app);
        var workload = new RollupWorkload(seed: 7);
        foreach (var batch in workload.Deliveries(workload.Events(traces: 40), batchSize: 20, resendShare: 0.2))
        {
            Assert.Equal(HttpStatusCode.MultiStatus, (await http.PostAsync(batch)).Response.StatusCode);
        }

        // The same user id in another project is another person: it must survive.
        await other.PostAsync(Event("trace-create", new JsonObject { ["id"] = "theirs", ["userId"] = "user-1" }));
        var traceIds = (await Sql.RowsAsync(app.ConnectionString, "SELECT id FROM traces WHERE project_id = $1 AND user_id = 'user-1'", LanternApp.ProjectId))
            .Select(r => (string)r["id"]!).ToArray();
        Assert.NotEmpty(traceIds);
        var observations = await Sql.ScalarAsync<long>(app.ConnectionString,
            "SELECT count(*) FROM observations WHERE project_id = $1 AND trace_id = ANY($2)", LanternApp.ProjectId, traceIds);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/public/users/user-1")).StatusCode);

        var response = await http.DeleteAsync("/api/public/users/user-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("user-1", (string)receipt["userId"]!);
        Assert.Equal(traceIds.Length, (long)receipt["deleted"]!["traces"]!);
        Assert.Equal(observations, (long)receipt["deleted"]!["observations"]!);
        Assert.Equal(traceIds.Length, (long)receipt["deleted"]!["scores"]!);
        Assert.True((long)receipt["deleted"]!["rollupRows"]! > 0);

        foreach (var table in new[] { "observations", "scores" })
        {
            Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString,
                $"SELECT count(*) FROM {table} WHERE project_id = $1 AND trace_id = ANY($2)", LanternApp.ProjectId, traceIds));
        }

        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces WHERE project_id = $1 AND user_id = 'user-1'", LanternApp.ProjectId));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM rollups WHERE project_id = $1 AND scope_key = 'user-1'", LanternApp.ProjectId));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces WHERE project_id = $1 AND user_id = 'user-1'", SecondProject.Id));
        await RollupRecomputation.AssertConsistentAsync(app.ConnectionString);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/users/user-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/public/traces/{traceIds[0]}")).StatusCode);

        var audit = await Sql.RowsAsync(app.ConnectionString, "SELECT actor, action, target, details->'deleted'->>'traces' AS traces FROM audit_log WHERE id = $1",
            (string)receipt["receiptId"]!);
        Assert.Equal($"key:{LanternApp.PublicKey}|user.erased|user-1|{traceIds.Length}", string.Join("|", audit.Single().Values));

        // The other users' in-memory rollups still equal the stored rows.
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        foreach (var row in await Sql.RowsAsync(app.ConnectionString, "SELECT user_id, count(*) AS n FROM traces WHERE project_id = $1 GROUP BY 1", LanternApp.ProjectId))
        {
            var key = $"{LanternApp.ProjectId}/{row["user_id"]}";
            await Eventually.TrueAsync(async () => (await grains.GetGrain<IUserGrain>(key).GetSummaryAsync(null, null)).Traces == (long)row["n"]!,
                $"the in-memory rollup of {key} equals the stored traces");
        }

        await Eventually.TrueAsync(async () => (await grains.GetGrain<IProjectGrain>($"{LanternApp.ProjectId}/").GetSummaryAsync(null, null)).Traces == 40 - traceIds.Length,
            "the in-memory project rollup no longer counts the erased traces");
    }

    [Fact]
    public async Task A_user_who_comes_back_after_erasure_is_counted_from_their_new_traces_alone()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await Eventually.TrueAsync(() => app.Services.GetRequiredService<RollupKeyFilter>().IsComplete, "the stored rollup keys are loaded");
        await http.PostAsync(UserTrace("trace-1"), UserTrace("trace-2"));
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync("/api/public/users/user-1")).StatusCode);

        // Its rows were deleted and are written again from version 1: nothing may still hold the old ones.
        await http.PostAsync(UserTrace("trace-3"));

        var (status, body) = await http.GetJsonAsync("/api/public/users/user-1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1L, (long)body["traces"]!);
    }

    [Fact]
    public async Task Erasing_an_unknown_user_answers_a_receipt_with_nothing_deleted()
    {
        await using var app = await LanternApp.StartAsync();
        var response = await app.CreateClient().Authorized().DeleteAsync("/api/public/users/nobody");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0L, (long)receipt["deleted"]!["traces"]!);
        Assert.StartsWith("aud_", (string)receipt["receiptId"]!, StringComparison.Ordinal);
    }

    private static JsonObject UserTrace(string id) => Event("trace-create", new JsonObject { ["id"] = id, ["userId"] = "user-1" });
}
