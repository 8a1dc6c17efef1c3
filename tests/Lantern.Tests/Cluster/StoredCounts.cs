using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

/// <summary>How many traces, observations and scores a set of acknowledged events must leave stored, each exactly once.</summary>
public sealed record StoredCounts(long Traces, long Observations, long Scores)
{
    public static StoredCounts Expected(IEnumerable<JsonObject> events)
    {
        var ids = events.GroupBy(e => (string)e["type"]! switch
        {
            "trace-create" => "traces",
            "score-create" => "scores",
            _ => "observations",
        }).ToDictionary(g => g.Key, g => (long)g.Select(e => (string)e["body"]!["id"]!).Distinct().Count());
        return new StoredCounts(ids.GetValueOrDefault("traces"), ids.GetValueOrDefault("observations"), ids.GetValueOrDefault("scores"));
    }

    public static async Task<StoredCounts> ReadAsync(string connectionString) => new(
        await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM traces"),
        await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM observations"),
        await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM scores"));

    /// <summary>Waits until the silos applied everything queued; rows are keyed by id, so a count can never overshoot.</summary>
    public static async Task WaitForAsync(string connectionString, StoredCounts expected, TimeSpan? within = null)
    {
        StoredCounts? last = null;
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while ((last = await ReadAsync(connectionString)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"stored {last}, expected {expected}");
            await Task.Delay(100);
        }
    }
}
