using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Silo.Pricing;

namespace Lantern.Api.Models;

/// <summary><c>/api/public/models</c>: list, read, create and delete model price definitions (Basic auth; reference §8.1).</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapLanternModels(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/public/models").WithTags("Models").RequireProjectKey();
        models.MapGet("/", ListAsync).WithName("ListModels").WithSummary("Project models, then the built-in ones");
        models.MapGet("/{id}", GetAsync).WithName("GetModel");
        models.MapPost("/", CreateAsync).WithName("CreateModel");
        models.MapDelete("/{id}", DeleteAsync).WithName("DeleteModel").WithSummary("Only project models can be deleted");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        if (PageRequest.Parse(http.Request.Query, out var error) is not { } page)
        {
            return ApiResults.BadRequest(error!);
        }

        var all = await catalog.ListAsync(http.ProjectAccess().ProjectId, cancellationToken);
        var data = all.Skip((int)Math.Min((long)(page.Page - 1) * page.Limit, int.MaxValue)).Take(page.Limit).Select(ModelMapper.ToResponse).ToList();
        return TypedResults.Ok(new Paged<ModelResponse>(data, PageMeta.Of(page, all.Count)));
    }

    private static async Task<IResult> GetAsync(HttpContext http, ModelCatalog catalog, string id, CancellationToken cancellationToken) =>
        await catalog.GetAsync(http.ProjectAccess().ProjectId, id, cancellationToken) is { } model
            ? TypedResults.Ok(ModelMapper.ToResponse(model))
            : ApiResults.NotFound($"No model with id {id} found in this project");

    private static async Task<IResult> CreateAsync(HttpContext http, ModelCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return ApiResults.BadRequest($"body: not valid JSON ({exception.Message})");
        }

        using (document)
        {
            var (model, errors) = CreateModelParser.Parse(document.RootElement, http.ProjectAccess().ProjectId, time.GetUtcNow());
            if (model is null)
            {
                return ApiResults.BadRequest(string.Join("; ", errors));
            }

            return await catalog.CreateAsync(model, cancellationToken)
                ? TypedResults.Ok(ModelMapper.ToResponse(model))
                : ApiResults.BadRequest("A model with this modelName, startDate and unit already exists in the project");
        }
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, ModelCatalog catalog, string id, CancellationToken cancellationToken) =>
        await catalog.DeleteAsync(http.ProjectAccess().ProjectId, id, cancellationToken)
            ? TypedResults.Ok(new MessageBody("Model successfully deleted"))
            : ApiResults.NotFound("Model not found within authorized project");
}
