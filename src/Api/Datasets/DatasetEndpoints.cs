using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Silo.Datasets;

namespace Lantern.Api.Datasets;

/// <summary>Datasets (v2 and the legacy v1 routes JS v3 uses) and their runs (reference §7).</summary>
public static class DatasetEndpoints
{
    public static IEndpointRouteBuilder MapLanternDatasets(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/api/public/v2/datasets").WithTags("Datasets").RequireProjectKey();
        v2.MapPost("/", CreateAsync).WithName("CreateDataset").WithSummary("Upserts a dataset by name");
        v2.MapGet("/", ListAsync).WithName("ListDatasets");
        v2.MapGet("/{name}", GetAsync).WithName("GetDataset");
        var v1 = app.MapGroup("/api/public/datasets").WithTags("Datasets").RequireProjectKey();
        v1.MapPost("/", CreateLegacyAsync).WithName("CreateDatasetV1");
        v1.MapGet("/{name}", GetLegacyAsync).WithName("GetDatasetV1").WithSummary("The dataset with its items and run names");
        v1.MapGet("/{name}/runs", DatasetRunEndpoints.ListAsync).WithName("ListDatasetRuns");
        v1.MapGet("/{name}/runs/{run}", DatasetRunEndpoints.GetAsync).WithName("GetDatasetRun");
        v1.MapGet("/{name}/run-comparison", RunComparisonEndpoint.GetAsync).WithName("CompareDatasetRuns")
            .WithSummary("Two or more runs side by side: scores, latency and cost per item and in aggregate");
        DatasetItemEndpoints.Map(app);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, DatasetStore store, CancellationToken cancellationToken)
    {
        var (dataset, error) = await UpsertAsync(http, store, cancellationToken);
        return dataset is null ? ApiResults.BadRequest(error!) : TypedResults.Ok(dataset);
    }

    private static async Task<(Dataset? Dataset, string? Error)> UpsertAsync(HttpContext http, DatasetStore store, CancellationToken cancellationToken)
    {
        using var document = await JsonFields.ReadAsync(http.Request, cancellationToken);
        if (document is null)
        {
            return (null, "body: expected a JSON object");
        }

        var body = document.RootElement;
        string? error = null;
        var name = JsonFields.Text(body, "name", ref error);
        var description = JsonFields.Text(body, "description", ref error);
        if (error is not null || string.IsNullOrWhiteSpace(name))
        {
            return (null, error ?? "name: must not be empty");
        }

        var dataset = await store.UpsertAsync(http.ProjectAccess().ProjectId, name, description, JsonFields.Raw(body, "metadata"),
            JsonFields.Raw(body, "inputSchema"), JsonFields.Raw(body, "expectedOutputSchema"), cancellationToken);
        return (dataset, null);
    }

    private static async Task<IResult> ListAsync(HttpContext http, DatasetStore store, CancellationToken cancellationToken)
    {
        if (PageRequest.Parse(http.Request.Query, out var error) is not { } page)
        {
            return ApiResults.BadRequest(error!);
        }

        var (rows, total) = await store.ListAsync(http.ProjectAccess().ProjectId, page.Offset, page.Limit, cancellationToken);
        return TypedResults.Ok(new Paged<Dataset>(rows, PageMeta.Of(page, total)));
    }

    private static async Task<IResult> GetAsync(HttpContext http, DatasetStore store, string name, CancellationToken cancellationToken) =>
        await store.GetAsync(http.ProjectAccess().ProjectId, JsonFields.Decode(name), cancellationToken) is { } dataset
            ? TypedResults.Ok(dataset)
            : ApiResults.NotFound("Dataset not found");

    private static async Task<IResult> CreateLegacyAsync(HttpContext http, DatasetStore store, DatasetItemStore items, CancellationToken cancellationToken)
    {
        var (dataset, error) = await UpsertAsync(http, store, cancellationToken);
        return dataset is null ? ApiResults.BadRequest(error!) : TypedResults.Ok(await WithItemsAndRunsAsync(http, dataset, store, items, cancellationToken));
    }

    private static async Task<IResult> GetLegacyAsync(HttpContext http, DatasetStore store, DatasetItemStore items, string name, CancellationToken cancellationToken) =>
        await store.GetAsync(http.ProjectAccess().ProjectId, JsonFields.Decode(name), cancellationToken) is { } dataset
            ? TypedResults.Ok(await WithItemsAndRunsAsync(http, dataset, store, items, cancellationToken))
            : ApiResults.NotFound("Dataset not found");

    /// <summary>The v1 shape: the dataset plus its active items and the names of its runs.</summary>
    private static async Task<JsonNode> WithItemsAndRunsAsync(HttpContext http, Dataset dataset, DatasetStore store, DatasetItemStore items, CancellationToken cancellationToken)
    {
        var (active, _) = await items.ListActiveAsync(http.ProjectAccess().ProjectId, dataset.Id, null, null, 0, int.MaxValue, cancellationToken);
        var (runs, _) = await store.ListRunsAsync(dataset.Id, 0, int.MaxValue, cancellationToken);
        var node = JsonSerializer.SerializeToNode(dataset, JsonSerializerOptions.Web)!;
        node["items"] = JsonSerializer.SerializeToNode(active, JsonSerializerOptions.Web);
        node["runs"] = new JsonArray([.. runs.Select(r => JsonValue.Create(r.Name))]);
        return node;
    }
}
