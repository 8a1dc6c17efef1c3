using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Ingestion;

namespace Lantern.Tests.Cluster;

/// <summary>
/// The total of an unfiltered trace list comes from the project's rollup grain, which in a cluster gets every silo's
/// changes only on the owner of the project key: an <c>api</c> process answers it from the stored rows.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class TraceTotalsTests(RabbitMqBroker broker)
{
    private readonly string _cluster = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task The_trace_total_through_an_api_process_is_the_stored_count_before_and_after_changes()
    {
        await using var cluster = await ApiAndSilo.StartAsync(broker.Url, _cluster);
        var database = cluster.Database;
        // The api process's project grain is active (and empty) before anything is stored.
        Assert.Equal(0L, await TotalAsync(cluster.Http));

        await cluster.IngestAsync(new RollupWorkload(37).Events(traces: 9));
        Assert.Equal(await StoredTracesAsync(database), await TotalAsync(cluster.Http));
        Assert.Equal(9L, await TotalAsync(cluster.Http));

        await cluster.IngestAsync(new RollupWorkload(41).Events(traces: 4).Select(Renamed).ToList());
        Assert.Equal(HttpStatusCode.OK, (await cluster.Http.DeleteAsync("/api/public/traces/trace-0")).StatusCode);
        await Eventually.TrueAsync(async () => await StoredTracesAsync(database) == 12, "the owner deleted trace-0");
        Assert.Equal(12L, await TotalAsync(cluster.Http));
    }

    // The second workload's ids would collide with the first's: give its traces (and what points at them) ids of their own.
    private static JsonObject Renamed(JsonObject e) => JsonNode.Parse(Regex.Replace(e.ToJsonString(), "\"trace-(?=[0-9])", "\"more-trace-"))!.AsObject();

    private static async Task<long> TotalAsync(HttpClient http) =>
        (long)(await http.GetFromJsonAsync<JsonObject>("/api/public/traces?limit=1"))!["meta"]!["totalItems"]!;

    private static Task<long> StoredTracesAsync(string database) => Sql.ScalarAsync<long>(database, "SELECT count(*) FROM traces");
}
