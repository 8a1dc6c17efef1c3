using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Silo.Pricing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>Registers what the endpoints need that the silo does not (the key check, unless another feature did).</summary>
    public static IServiceCollection AddLanternModelsApi(this IServiceCollection services)
    {
        services.TryAddSingleton<ProjectAuthenticator>();
        return services;
    }

    private static async Task<Results<Ok<ModelPage>, JsonHttpResult<ErrorBody>>> ListAsync(
        HttpContext http, ModelCatalog catalog, string? page, string? limit, CancellationToken cancellationToken)
    {
        var pageNumber = Paging.Parse(page, "page", 1, int.MaxValue, 1, out var pageError);
        var pageSize = Paging.Parse(limit, "limit", 1, 100, 50, out var limitError);
        if ((pageError ?? limitError) is { } error)
        {
            return TypedResults.Json(ErrorBody.Invalid([error]), statusCode: StatusCodes.Status400BadRequest);
        }

        var all = await catalog.ListAsync(http.ProjectAccess().ProjectId, cancellationToken);
        var data = all.Skip((int)Math.Min((long)(pageNumber - 1) * pageSize, int.MaxValue)).Take(pageSize).Select(ModelMapper.ToResponse).ToList();
        var totalPages = (all.Count + pageSize - 1) / pageSize;
        return TypedResults.Ok(new ModelPage(data, new PageMeta(pageNumber, pageSize, all.Count, totalPages)));
    }

    private static async Task<Results<Ok<ModelResponse>, NotFound<ErrorBody>>> GetAsync(
        HttpContext http, ModelCatalog catalog, string id, CancellationToken cancellationToken) =>
        await catalog.GetAsync(http.ProjectAccess().ProjectId, id, cancellationToken) is { } model
            ? TypedResults.Ok(ModelMapper.ToResponse(model))
            : TypedResults.NotFound(ErrorBody.NotFound($"No model with id {id} found in this project"));

    private static async Task<Results<Ok<ModelResponse>, JsonHttpResult<ErrorBody>>> CreateAsync(
        HttpContext http, ModelCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return TypedResults.Json(ErrorBody.Invalid([$"body: not valid JSON ({exception.Message})"]), statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var (model, errors) = CreateModelParser.Parse(document.RootElement, http.ProjectAccess().ProjectId, time.GetUtcNow());
            if (model is null)
            {
                return TypedResults.Json(ErrorBody.Invalid(errors), statusCode: StatusCodes.Status400BadRequest);
            }

            if (!await catalog.CreateAsync(model, cancellationToken))
            {
                return TypedResults.Json(ErrorBody.Invalid(["A model with this modelName, startDate and unit already exists in the project"]),
                    statusCode: StatusCodes.Status400BadRequest);
            }

            return TypedResults.Ok(ModelMapper.ToResponse(model));
        }
    }

    private static async Task<Results<Ok<MessageBody>, NotFound<ErrorBody>>> DeleteAsync(
        HttpContext http, ModelCatalog catalog, string id, CancellationToken cancellationToken) =>
        await catalog.DeleteAsync(http.ProjectAccess().ProjectId, id, cancellationToken)
            ? TypedResults.Ok(new MessageBody("Model successfully deleted"))
            : TypedResults.NotFound(ErrorBody.NotFound("Model not found within authorized project"));
}
