using System.Diagnostics;
using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Api.Ingestion.Journal;
using Lantern.Contracts.Ingestion;
using Microsoft.Extensions.Options;

namespace Lantern.Api.Ingestion;

/// <summary><c>POST /api/public/ingestion</c>: Langfuse's batch API, answered 207 with a status per event (reference §3).</summary>
public static class IngestionEndpoints
{
    private const string Endpoint = "ingestion";

    public static IServiceCollection AddLanternIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Configure(o =>
            o.MaxBodyBytes = configuration.GetValue("LANTERN_MAX_REQUEST_BYTES", o.MaxBodyBytes));
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<EventRouter>();
        services.AddSingleton<ScoreConfigEnforcer>();
        services.AddSingleton<IngestionPreparation>();
        if (!services.AddLanternIngestJournal(configuration))
        {
            services.AddSingleton<IIngestionPipeline, IngestionPipeline>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapLanternIngestion(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/public/ingestion", IngestAsync).RequireProjectKey(allowScoresOnly: true).WithTags("Ingestion").WithName("Ingestion");
        return app;
    }

    private static async Task<IResult> IngestAsync(
        HttpContext http, IIngestionPipeline pipeline, IngestionMetrics metrics, IOptions<IngestionOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        var access = http.ProjectAccess();
        PooledBody? body;
        try
        {
            body = await RequestBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return InvalidRequest("The request body is not valid gzip.");
        }

        if (body is null)
        {
            return TypedResults.Json(new { message = $"Request body exceeds the limit of {options.Value.MaxBodyBytes} bytes" },
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        metrics.Bytes(access.ProjectId, Endpoint, body.Length);
        StorableJson.ReplaceUnstorable(body.Memory.Span);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Memory, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException invalid)
        {
            body.Release();
            return InvalidRequest($"Malformed JSON: {invalid.Message}");
        }

        // The body goes back to the pool only after every grain call that reads its events has finished; if the
        // pipeline throws, it is left to the garbage collector instead.
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
            {
                body.Release();
                return InvalidRequest("batch: expected an array of events");
            }

            var (accepted, rejected) = Validate(batch, access, metrics);
            var response = accepted.Count == 0
                ? new IngestionResponse([], [])
                : await pipeline.IngestAsync(access.ProjectId, accepted, http.RequestAborted);
            body.Release();
            response.Errors.AddRange(rejected);
            metrics.Acknowledged(Endpoint, Stopwatch.GetElapsedTime(started));
            return new MultiStatusResult(response);
        }
    }

    private static (List<IngestionEvent> Accepted, List<IngestionError> Rejected) Validate(
        JsonElement batch, ProjectAccess access, IngestionMetrics metrics)
    {
        var accepted = new List<IngestionEvent>(batch.GetArrayLength());
        var rejected = new List<IngestionError>();
        foreach (var entry in batch.EnumerateArray())
        {
            var (@event, error) = EventValidator.Validate(entry);
            if (error is not null)
            {
                rejected.Add(error);
                metrics.Event(access.ProjectId, "invalid", "invalid");
            }
            else if (@event is null)
            {
                continue; // sdk-log: Langfuse logs and drops it, reporting it in neither list.
            }
            else if (access.Level == AccessLevel.ScoresOnly && @event.Type != IngestionEventType.ScoreCreate)
            {
                rejected.Add(new IngestionError(@event.EventId, StatusCodes.Status401Unauthorized, "Authentication error", "Access Scope Denied"));
                metrics.Event(access.ProjectId, @event.Type.WireName(), "unauthorized");
            }
            else
            {
                accepted.Add(@event);
            }
        }

        return (accepted, rejected);
    }

    private static IResult InvalidRequest(string error) =>
        TypedResults.Json(new { message = "Invalid request data", errors = new[] { error } }, statusCode: StatusCodes.Status400BadRequest);
}
