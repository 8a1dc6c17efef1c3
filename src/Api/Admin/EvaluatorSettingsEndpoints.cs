using System.Text.Json;
using Lantern.Api.Queries;
using Lantern.Silo.Evaluators;
using Lantern.Silo.Privacy;

namespace Lantern.Api.Admin;

/// <summary>
/// <c>GET/PUT /api/admin/projects/{projectId}/settings/evaluators</c>: a project's own verdict thresholds, e.g.
/// <c>{"thresholds": {"toxicity": 0.8}}</c>. They apply to texts scored afterwards and to the guard API; scores already
/// written keep their verdicts. Evaluators without one use the model card's threshold.
/// </summary>
public static class EvaluatorSettingsEndpoints
{
    private static readonly string[] Names = ["prompt_injection", "toxicity"];

    public static IEndpointRouteBuilder MapLanternEvaluatorSettings(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/projects").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin");
        admin.MapGet("/{projectId}/settings/evaluators", GetAsync).WithName("GetEvaluatorSettings");
        admin.MapPut("/{projectId}/settings/evaluators", SetAsync).WithName("SetEvaluatorSettings");
        return app;
    }

    private static async Task<IResult> GetAsync(string projectId, EvaluatorThresholdStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new { thresholds = await store.GetAsync(projectId, cancellationToken) });

    private static async Task<IResult> SetAsync(
        string projectId, JsonElement? body, EvaluatorThresholdStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var (thresholds, error) = Parse(body);
        if (thresholds is null)
        {
            return ApiResults.BadRequest(error!);
        }

        if (!await store.SetAsync(projectId, thresholds, cancellationToken))
        {
            return ApiResults.NotFound($"Project {projectId} not found");
        }

        await audit.AppendAsync(projectId, "admin", AuditActions.EvaluatorSettingsChanged, projectId, new { thresholds }, cancellationToken);
        return TypedResults.Ok(new { thresholds });
    }

    private static (Dictionary<string, float>? Thresholds, string? Error) Parse(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty("thresholds", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return (null, "thresholds: required, an object of evaluator name → threshold");
        }

        var thresholds = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var entry in map.EnumerateObject())
        {
            if (!Names.Contains(entry.Name, StringComparer.Ordinal))
            {
                return (null, $"thresholds: '{entry.Name}' is not one of {string.Join(", ", Names)}");
            }

            if (entry.Value.ValueKind != JsonValueKind.Number || entry.Value.GetDouble() is <= 0 or > 1)
            {
                return (null, $"thresholds.{entry.Name}: a number above 0 and at most 1");
            }

            thresholds[entry.Name] = entry.Value.GetSingle();
        }

        return (thresholds, null);
    }
}
