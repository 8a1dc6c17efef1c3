using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Silo.Datasets;

namespace Lantern.Api.Datasets;

/// <summary><c>/api/public/datasets/{name}/runs[/{run}]</c>: a dataset's experiment runs and a run with its items.</summary>
public static class DatasetRunEndpoints
{
    public static async Task<IResult> ListAsync(HttpContext http, DatasetStore store, string name, CancellationToken cancellationToken)
    {
        if (PageRequest.Parse(http.Request.Query, out var error) is not { } page)
        {
            return ApiResults.BadRequest(error!);
        }

        if (await store.GetAsync(http.ProjectAccess().ProjectId, JsonFields.Decode(name), cancellationToken) is not { } dataset)
        {
            return ApiResults.NotFound("Dataset not found");
        }

        var (runs, total) = await store.ListRunsAsync(dataset.Id, page.Offset, page.Limit, cancellationToken);
        return TypedResults.Ok(new Paged<DatasetRun>(runs, PageMeta.Of(page, total)));
    }

    public static async Task<IResult> GetAsync(HttpContext http, DatasetStore store, string name, string run, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(http.ProjectAccess().ProjectId, JsonFields.Decode(name), cancellationToken) is not { } dataset)
        {
            return ApiResults.NotFound("Dataset not found");
        }

        if (await store.GetRunAsync(dataset.Id, JsonFields.Decode(run), cancellationToken) is not { } found)
        {
            return ApiResults.NotFound("Dataset run not found");
        }

        var items = await store.RunItemsAsync(found.Id, cancellationToken);
        return TypedResults.Ok(new DatasetRunWithItems(
            found.Id, found.Name, found.Description, found.Metadata, found.DatasetId, found.DatasetName, found.CreatedAt, found.UpdatedAt, items));
    }
}
