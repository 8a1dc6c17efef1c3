using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Silo.ScoreConfigs;

namespace Lantern.Api.ScoreConfigs;

/// <summary><c>/api/public/score-configs</c>: create, list, read and patch (archive) score configs (reference §5.4).</summary>
public static class ScoreConfigEndpoints
{
    public static IEndpointRouteBuilder MapLanternScoreConfigs(this IEndpointRouteBuilder app)
    {
        var configs = app.MapGroup("/api/public/score-configs").WithTags("ScoreConfigs").RequireProjectKey();
        configs.MapPost("/", CreateAsync).WithName("CreateScoreConfig");
        configs.MapGet("/", ListAsync).WithName("ListScoreConfigs");
        configs.MapGet("/{configId}", GetAsync).WithName("GetScoreConfig");
        configs.MapPatch("/{configId}", UpdateAsync).WithName("UpdateScoreConfig").WithSummary("Changes name, description, range, categories or archives it");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ScoreConfigStore store, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var blank = new ScoreConfig(Guid.NewGuid().ToString(), http.ProjectAccess().ProjectId, "", "", false, null, null, null, null, now, now);
        var (config, error) = await ReadAsync(http, blank, creating: true);
        return config is null ? ApiResults.BadRequest(error!) : TypedResults.Ok(await store.SaveAsync(config, http.RequestAborted));
    }

    private static async Task<IResult> ListAsync(HttpContext http, ScoreConfigStore store)
    {
        var page = PageRequest.Parse(http.Request.Query, out var error);
        if (page is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var (data, total) = await store.ListAsync(http.ProjectAccess().ProjectId, page.Value.Limit, page.Value.Offset, http.RequestAborted);
        return TypedResults.Ok(new Paged<ScoreConfig>(data, PageMeta.Of(page.Value, total)));
    }

    private static async Task<IResult> GetAsync(string configId, HttpContext http, ScoreConfigStore store) =>
        await store.GetAsync(http.ProjectAccess().ProjectId, configId, http.RequestAborted) is { } config
            ? TypedResults.Ok(config)
            : NotFound(configId);

    private static async Task<IResult> UpdateAsync(string configId, HttpContext http, ScoreConfigStore store)
    {
        if (await store.GetAsync(http.ProjectAccess().ProjectId, configId, http.RequestAborted) is not { } stored)
        {
            return NotFound(configId);
        }

        var (config, error) = await ReadAsync(http, stored, creating: false);
        return config is null ? ApiResults.BadRequest(error!) : TypedResults.Ok(await store.SaveAsync(config, http.RequestAborted));
    }

    private static async Task<(ScoreConfig? Config, string? Error)> ReadAsync(HttpContext http, ScoreConfig config, bool creating)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return (ScoreConfigRules.Apply(config, document.RootElement, creating, out var error), error);
        }
        catch (JsonException exception)
        {
            return (null, $"body: not valid JSON ({exception.Message})");
        }
    }

    private static IResult NotFound(string configId) => ApiResults.NotFound($"Score config {configId} not found within authorized project");
}
