using Lantern.Api.Auth;
using Lantern.Api.Models;
using Lantern.Api.Queries;
using Lantern.Silo.Datasets;

namespace Lantern.Api.Datasets;

/// <summary><c>/api/public/dataset-items</c> (upsert by id, list, read, delete) and <c>/api/public/dataset-run-items</c>.</summary>
public static class DatasetItemEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/public/dataset-items").WithTags("Datasets").RequireProjectKey();
        items.MapPost("/", UpsertAsync).WithName("UpsertDatasetItem").WithSummary("Creates an item, or updates the item with this id");
        items.MapGet("/", ListAsync).WithName("ListDatasetItems").WithSummary("Active items, newest first");
        items.MapGet("/{id}", GetAsync).WithName("GetDatasetItem");
        items.MapDelete("/{id}", DeleteAsync).WithName("DeleteDatasetItem");
        app.MapGroup("/api/public/dataset-run-items").WithTags("Datasets").RequireProjectKey()
            .MapPost("/", CreateRunItemAsync).WithName("CreateDatasetRunItem").WithSummary("Links an item to a trace in a run (created on first use)");
    }

    private static async Task<IResult> UpsertAsync(HttpContext http, DatasetItemStore store, CancellationToken cancellationToken)
    {
        using var document = await JsonFields.ReadAsync(http.Request, cancellationToken);
        if (document is null)
        {
            return ApiResults.BadRequest("body: expected a JSON object");
        }

        var body = document.RootElement;
        string? error = null;
        var datasetName = JsonFields.Text(body, "datasetName", ref error);
        var id = JsonFields.Text(body, "id", ref error);
        var status = JsonFields.Text(body, "status", ref error);
        var traceId = JsonFields.Text(body, "sourceTraceId", ref error);
        var observationId = JsonFields.Text(body, "sourceObservationId", ref error);
        error ??= string.IsNullOrWhiteSpace(datasetName) ? "datasetName: required" : null;
        error ??= id is not null && (id.Length is 0 or > 255 || id.Trim().Length != id.Length) ? "id: 1 to 255 characters without surrounding spaces" : null;
        error ??= status is null or "ACTIVE" or "ARCHIVED" ? null : "status: expected ACTIVE or ARCHIVED";
        if (error is not null)
        {
            return ApiResults.BadRequest(error);
        }

        var request = new NewDatasetItem(id ?? Guid.NewGuid().ToString(), datasetName!, JsonFields.Raw(body, "input"),
            JsonFields.Raw(body, "expectedOutput"), JsonFields.Raw(body, "metadata"), traceId, observationId, status);
        var (item, notFound) = await store.UpsertAsync(http.ProjectAccess().ProjectId, request, cancellationToken);
        return item is null ? ApiResults.NotFound(notFound!) : TypedResults.Ok(item);
    }

    private static async Task<IResult> ListAsync(HttpContext http, DatasetItemStore items, DatasetStore datasets, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (PageRequest.Parse(query, out var error) is not { } page)
        {
            return ApiResults.BadRequest(error!);
        }

        var projectId = http.ProjectAccess().ProjectId;
        string? datasetId = null;
        if (!string.IsNullOrEmpty(query["datasetName"]))
        {
            if (await datasets.GetAsync(projectId, query["datasetName"]!, cancellationToken) is not { } dataset)
            {
                return ApiResults.NotFound("Dataset not found");
            }

            datasetId = dataset.Id;
        }

        var (rows, total) = await items.ListActiveAsync(projectId, datasetId, Optional(query["sourceTraceId"]), Optional(query["sourceObservationId"]),
            page.Offset, page.Limit, cancellationToken);
        return TypedResults.Ok(new Paged<DatasetItem>(rows, PageMeta.Of(page, total)));
    }

    private static async Task<IResult> GetAsync(HttpContext http, DatasetItemStore store, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(http.ProjectAccess().ProjectId, id, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : ApiResults.NotFound("Dataset item not found");

    private static async Task<IResult> DeleteAsync(HttpContext http, DatasetItemStore store, string id, CancellationToken cancellationToken) =>
        await store.DeleteAsync(http.ProjectAccess().ProjectId, id, cancellationToken)
            ? TypedResults.Ok(new MessageBody("Dataset item successfully deleted"))
            : ApiResults.NotFound("Dataset item not found");

    private static async Task<IResult> CreateRunItemAsync(HttpContext http, RunItemStore store, CancellationToken cancellationToken)
    {
        using var document = await JsonFields.ReadAsync(http.Request, cancellationToken);
        if (document is null)
        {
            return ApiResults.BadRequest("body: expected a JSON object");
        }

        var body = document.RootElement;
        string? error = null;
        var runName = JsonFields.Text(body, "runName", ref error);
        var itemId = JsonFields.Text(body, "datasetItemId", ref error);
        var traceId = JsonFields.Text(body, "traceId", ref error);
        var observationId = JsonFields.Text(body, "observationId", ref error);
        var description = JsonFields.Text(body, "runDescription", ref error);
        error ??= string.IsNullOrWhiteSpace(runName) ? "runName: required" : null;
        error ??= string.IsNullOrWhiteSpace(itemId) ? "datasetItemId: required" : null;
        error ??= traceId is null && observationId is null ? "traceId or observationId: one is required" : null;
        if (error is not null)
        {
            return ApiResults.BadRequest(error);
        }

        var (item, notFound) = await store.CreateAsync(http.ProjectAccess().ProjectId,
            new NewRunItem(runName!, description, JsonFields.Raw(body, "metadata"), itemId!, traceId, observationId), cancellationToken);
        return item is null ? ApiResults.NotFound(notFound!) : TypedResults.Ok(item);
    }

    private static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
