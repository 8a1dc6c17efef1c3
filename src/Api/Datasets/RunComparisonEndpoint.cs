using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Silo.Datasets;

namespace Lantern.Api.Datasets;

/// <summary>
/// <c>GET /api/public/datasets/{name}/run-comparison?runs=a,b</c> (Lantern's, no Langfuse equivalent): two or more runs of a
/// dataset side by side, per item and in aggregate, on the scores, latency and cost of their linked traces.
/// </summary>
public static class RunComparisonEndpoint
{
    private const int MaxRuns = 10;

    public static async Task<IResult> GetAsync(
        HttpContext http, DatasetStore store, RunComparisonQuery query, string name, CancellationToken cancellationToken)
    {
        var runs = http.Request.Query["runs"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        if (runs.Count is < 2 or > MaxRuns)
        {
            return ApiResults.BadRequest($"runs: 2 to {MaxRuns} run names, comma-separated");
        }

        if (await store.GetAsync(http.ProjectAccess().ProjectId, JsonFields.Decode(name), cancellationToken) is not { } dataset)
        {
            return ApiResults.NotFound("Dataset not found");
        }

        foreach (var run in runs)
        {
            if (await store.GetRunAsync(dataset.Id, run, cancellationToken) is null)
            {
                return ApiResults.NotFound($"Dataset run {run} not found");
            }
        }

        // An item linked twice in one run counts once, with its latest link.
        var rows = (await query.ReadAsync(dataset.Id, runs, cancellationToken)).GroupBy(r => (r.RunName, r.DatasetItemId)).Select(g => g.Last()).ToList();
        var summaries = runs.Select(run => Summarise(run, [.. rows.Where(r => r.RunName == run)])).ToList();
        var items = rows.GroupBy(r => r.DatasetItemId)
            .Select(item => new ItemComparison(item.Key, item.GroupBy(r => r.RunName).ToDictionary(r => r.Key, r => r.Single())))
            .ToList();
        return TypedResults.Ok(new { runs = summaries, items });
    }

    private static RunSummary Summarise(string run, List<RunComparisonRow> rows)
    {
        var latencies = rows.Where(r => r.LatencySeconds is not null).Select(r => r.LatencySeconds!.Value).ToList();
        var costs = rows.Where(r => r.TotalCost is not null).Select(r => r.TotalCost!.Value).ToList();
        var scores = rows.SelectMany(r => r.Scores).GroupBy(s => s.Key).ToDictionary(s => s.Key, s => s.Average(v => v.Value));
        return new RunSummary(run, rows.Count, latencies.Count == 0 ? null : latencies.Average(), costs.Sum(),
            costs.Count == 0 ? null : costs.Average(), scores);
    }
}
