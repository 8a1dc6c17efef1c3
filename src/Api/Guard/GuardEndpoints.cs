using System.Diagnostics;
using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Silo.Evaluators;
using Lantern.Silo.Metrics.Instruments;
using Microsoft.Extensions.Options;

namespace Lantern.Api.Guard;

/// <summary>
/// <c>POST /api/public/guard</c>: the evaluators, synchronously, for gateways that check a prompt or a completion before
/// passing it on. Same models and thresholds as the scores written on traces.
/// </summary>
public static class GuardEndpoints
{
    public static IServiceCollection AddLanternGuard(this IServiceCollection services) =>
        services.AddSingleton<IEvaluationScoreSink, PipelineScoreSink>();

    public static IEndpointRouteBuilder MapLanternGuard(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/public/guard", CheckAsync).WithTags("Guard").WithName("Guard")
            .WithSummary("Scores a text or chat messages for prompt injection and toxicity").RequireProjectKey();
        return app;
    }

    private static async Task<IResult> CheckAsync(
        HttpContext http, EvaluatorSet evaluators, EvaluatorMetrics metrics, IOptions<EvaluatorOptions> options, CancellationToken cancellationToken)
    {
        if (!evaluators.Enabled)
        {
            return TypedResults.Json(new { message = "Evaluators are disabled on this node", error = evaluators.DisabledReason },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        GuardRequest? request;
        string? error;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            (request, error) = GuardRequest.Parse(document.RootElement);
        }
        catch (JsonException exception)
        {
            return ApiResults.BadRequest($"body: not valid JSON ({exception.Message})");
        }

        if (request is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var selected = request.Evaluators?.Select(name => evaluators.Find(name)).ToList() ?? [.. evaluators.Evaluators];
        if (selected.Contains(null))
        {
            return ApiResults.BadRequest($"evaluators: known evaluators are {string.Join(", ", evaluators.Evaluators.Select(e => e.Name))}");
        }

        var text = request.Text.Length > options.Value.MaxTextLength ? request.Text[..options.Value.MaxTextLength] : request.Text;
        var projectId = http.ProjectAccess().ProjectId;
        var verdicts = new List<GuardVerdict>(selected.Count);
        foreach (var evaluator in selected)
        {
            var started = Stopwatch.GetTimestamp();
            var probability = evaluator!.Classifier.Score(text);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var verdict = evaluator.Verdict(probability);
            metrics.Scored(evaluator.Name, elapsed);
            metrics.Verdict(projectId, evaluator.Name, verdict);
            verdicts.Add(new GuardVerdict(evaluator.Name, Math.Round(probability, 6), Math.Round(evaluator.Threshold, 6), verdict,
                verdict == Evaluator.Flagged, evaluator.Classifier.ModelSha256, elapsed.TotalMilliseconds));
        }

        return TypedResults.Ok(new GuardResponse(verdicts.Any(v => v.Flagged), verdicts));
    }
}
