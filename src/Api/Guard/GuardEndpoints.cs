using System.Diagnostics;
using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Grains.Pii;
using Lantern.Silo.Evaluators;
using Lantern.Silo.Guard;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Pii;
using Microsoft.Extensions.Options;

namespace Lantern.Api.Guard;

/// <summary>
/// The guard API, for gateways that check a prompt or a completion before passing it on: <c>/api/guard/scan</c> runs the
/// evaluators (same models and thresholds as the scores written on traces) and the PII detector synchronously and
/// anonymizes the PII; <c>/api/guard/deanonymize</c> puts the values back into the model's answer.
/// </summary>
public static class GuardEndpoints
{
    public static IServiceCollection AddLanternGuard(this IServiceCollection services) =>
        services.AddSingleton<IEvaluationScoreSink, PipelineScoreSink>();

    public static IEndpointRouteBuilder MapLanternGuard(this IEndpointRouteBuilder app)
    {
        var guard = app.MapGroup("/api/guard").WithTags("Guard").RequireProjectKey();
        guard.MapPost("/scan", ScanAsync).WithName("GuardScan")
            .WithSummary("Scores a text or chat messages for prompt injection and toxicity, finds PII and anonymizes it");
        guard.MapPost("/deanonymize", DeanonymizeHandler.HandleAsync).WithName("GuardDeanonymize")
            .WithSummary("Restores the PII a scan replaced with placeholders, from the scan's vault entry");
        return app;
    }

    private static async Task<IResult> ScanAsync(
        HttpContext http, EvaluatorSet evaluators, EvaluatorThresholdStore thresholds, PiiPolicyStore piiPolicies, EvaluatorMetrics metrics,
        GuardVault vault, IOptions<EvaluatorOptions> options, CancellationToken cancellationToken)
    {
        if (!evaluators.Enabled)
        {
            return TypedResults.Json(new { message = "Evaluators are disabled on this node", error = evaluators.DisabledReason },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var (request, error) = await ReadAsync(http, cancellationToken);
        if (request is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var names = request.Evaluators ?? [.. evaluators.Evaluators.Select(e => e.Name), EvaluationScore.Pii];
        var unknown = names.FirstOrDefault(n => n != EvaluationScore.Pii && evaluators.Find(n) is null);
        if (unknown is not null)
        {
            var known = string.Join(", ", evaluators.Evaluators.Select(e => e.Name).Append(EvaluationScore.Pii));
            return ApiResults.BadRequest($"evaluators: '{unknown}' is not one of {known}");
        }

        var text = request.Text.Length > options.Value.MaxTextLength ? request.Text[..options.Value.MaxTextLength] : request.Text;
        var projectId = http.ProjectAccess().ProjectId;
        var judged = await thresholds.ForProjectAsync(projectId, evaluators.Evaluators, cancellationToken);
        var verdicts = names.Where(n => n != EvaluationScore.Pii).Select(n => Score(judged.First(e => e.Name == n), text, projectId, metrics)).ToList();
        if (!names.Contains(EvaluationScore.Pii))
        {
            return TypedResults.Ok(new GuardResponse(verdicts.Any(v => v.Flagged), verdicts, null, null, null));
        }

        // The whole text is anonymized, not only the part the models read: nothing of it may reach the model unmasked.
        var lists = (await piiPolicies.GetAsync(projectId, cancellationToken)).Lists;
        var started = Stopwatch.GetTimestamp();
        var anonymized = PiiAnonymizer.Anonymize(request.Text, lists);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Scored(EvaluationScore.Pii, elapsed);
        var pii = new GuardPii(anonymized.Findings.Count, anonymized.Findings, elapsed.TotalMilliseconds);
        if (!request.Anonymize || anonymized.Findings.Count == 0)
        {
            return TypedResults.Ok(new GuardResponse(verdicts.Any(v => v.Flagged), verdicts, pii, null, null));
        }

        var vaultId = await vault.StoreAsync(projectId, anonymized.Values, cancellationToken);
        return TypedResults.Ok(new GuardResponse(verdicts.Any(v => v.Flagged), verdicts, pii, anonymized.Text, vaultId.ToString()));
    }

    private static async Task<(GuardRequest? Request, string? Error)> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            return GuardRequest.Parse(document.RootElement);
        }
        catch (JsonException exception)
        {
            return (null, $"body: not valid JSON ({exception.Message})");
        }
    }

    private static GuardVerdict Score(Evaluator evaluator, string text, string projectId, EvaluatorMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var probability = evaluator.Classifier.Score(text);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var verdict = evaluator.Verdict(probability);
        metrics.Scored(evaluator.Name, elapsed);
        metrics.Verdict(projectId, evaluator.Name, verdict);
        return new GuardVerdict(evaluator.Name, Math.Round(probability, 6), Math.Round(evaluator.Threshold, 6), verdict,
            verdict == Evaluator.Flagged, evaluator.Classifier.ModelSha256, elapsed.TotalMilliseconds);
    }
}
