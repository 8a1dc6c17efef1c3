using System.Net.Http.Json;
using System.Text.Json;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Datasets;

public sealed class DatasetApiTests
{
    [Fact]
    public async Task Items_upsert_by_id_archived_items_leave_the_list_and_an_id_of_another_dataset_is_404_without_changes()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await http.PostAsJsonAsync("/api/public/v2/datasets", new { name = "one" });
        await http.PostAsJsonAsync("/api/public/v2/datasets", new { name = "two" });

        var created = await Json(await http.PostAsJsonAsync("/api/public/dataset-items", new { datasetName = "one", id = "shared", input = "x" }));
        Assert.Equal(("shared", "ACTIVE", "one"), (created.GetProperty("id").GetString(), created.GetProperty("status").GetString(), created.GetProperty("datasetName").GetString()));
        var other = await http.PostAsJsonAsync("/api/public/dataset-items", new { datasetName = "two", id = "shared", input = "y" });
        Assert.Equal(404, (int)other.StatusCode);
        var stored = await Json(await http.GetAsync("/api/public/dataset-items/shared"));
        Assert.Equal("x", stored.GetProperty("input").GetString());

        await http.PostAsJsonAsync("/api/public/dataset-items", new { datasetName = "one", id = "shared", status = "ARCHIVED" });
        var list = await Json(await http.GetAsync("/api/public/dataset-items?datasetName=one"));
        Assert.Equal(0, list.GetProperty("meta").GetProperty("totalItems").GetInt32());
        Assert.Equal("x", (await Json(await http.GetAsync("/api/public/dataset-items/shared"))).GetProperty("input").GetString());
    }

    [Theory]
    [InlineData("/api/public/dataset-items", """{"id":"x"}""", 400, "datasetName: required")]
    [InlineData("/api/public/dataset-items", """{"datasetName":"one","id":""}""", 400, "id: 1 to 255 characters without surrounding spaces")]
    [InlineData("/api/public/dataset-items", """{"datasetName":"one","status":"GONE"}""", 400, "status: expected ACTIVE or ARCHIVED")]
    [InlineData("/api/public/dataset-items", """{"datasetName":"missing"}""", 404, "Dataset not found")]
    [InlineData("/api/public/dataset-run-items", """{"runName":"r","datasetItemId":"nope","traceId":"t"}""", 404, "Dataset item not found")]
    [InlineData("/api/public/dataset-run-items", """{"runName":"r","datasetItemId":"i"}""", 400, "traceId or observationId: one is required")]
    [InlineData("/api/public/v2/datasets", """{"description":"no name"}""", 400, "name: must not be empty")]
    public async Task Bad_dataset_requests_get_a_clear_4xx_and_write_nothing(string path, string body, int status, string reason)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await http.PostAsJsonAsync("/api/public/v2/datasets", new { name = "one" });

        var response = await http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        var error = await Json(response);
        Assert.Equal(reason, (status == 400 ? error.GetProperty("error") : error.GetProperty("message")).GetString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT (SELECT count(*) FROM dataset_items) + (SELECT count(*) FROM dataset_runs)"));
    }

    [Fact]
    public async Task A_run_item_given_only_an_observation_id_is_linked_to_that_observations_trace()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await http.PostAsync(LangfuseBatch.Event("generation-create", new() { ["id"] = "gen-1", ["traceId"] = "trace-1", ["name"] = "g" }));
        await http.PostAsJsonAsync("/api/public/v2/datasets", new { name = "one" });
        await http.PostAsJsonAsync("/api/public/dataset-items", new { datasetName = "one", id = "i" });

        var link = await http.PostAsJsonAsync("/api/public/dataset-run-items", new { runName = "r", datasetItemId = "i", observationId = "gen-1" });

        var item = await Json(link);
        Assert.Equal(("trace-1", "gen-1", "r"), (item.GetProperty("traceId").GetString(), item.GetProperty("observationId").GetString(), item.GetProperty("datasetRunName").GetString()));
        var missing = await http.PostAsJsonAsync("/api/public/dataset-run-items", new { runName = "r", datasetItemId = "i", observationId = "nope" });
        Assert.Equal(404, (int)missing.StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        LangfuseBatch.Json(await response.Content.ReadAsStringAsync());
}
