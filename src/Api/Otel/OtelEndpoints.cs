using Google.Protobuf;
using Lantern.Api.Auth;
using Lantern.Api.Ingestion;
using Lantern.Api.Otel.Mapping;
using Lantern.Api.Otel.Protos;
using Lantern.Contracts.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lantern.Api.Otel;

/// <summary>
/// <c>POST /api/public/otel/v1/traces</c>: OTLP/HTTP trace exports (protobuf from the Python SDK, JSON from the JS SDK,
/// either gzipped) mapped to Langfuse ingestion events and stored through the same pipeline as the batch API.
/// </summary>
public static partial class OtelEndpoints
{
    private const string ProtobufType = "application/x-protobuf";
    private const string JsonType = "application/json";

    public static IServiceCollection AddLanternOtel(this IServiceCollection services)
    {
        services.AddOptions<OtlpOptions>().BindConfiguration(OtlpOptions.Section)
            .Validate(o => o.MaxBodyBytes > 0, $"{OtlpOptions.Section}:MaxBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddLanternAuth();
        return services;
    }

    public static IEndpointRouteBuilder MapLanternOtel(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/public/otel").WithTags("OpenTelemetry").RequireProjectKey()
            .MapPost("/v1/traces", ExportAsync)
            .WithName("OtelExportTraces")
            .WithSummary("Ingest an OTLP/HTTP trace export (protobuf or JSON, optionally gzipped).");
        return app;
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, JsonHttpResult<OtlpError>>> ExportAsync(
        HttpContext http, IOptions<OtlpOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var contentType = http.Request.ContentType ?? "";
        var json = contentType.Contains(JsonType, StringComparison.OrdinalIgnoreCase);
        if (!json && !contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(StatusCodes.Status400BadRequest, "Invalid content type", $"Content-Type must be {ProtobufType} or {JsonType}, not '{contentType}'.");
        }

        var body = await OtlpBodyReader.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Bytes is null)
        {
            return Fail(body.Status, body.Status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Invalid request body", body.Error!);
        }

        var (request, decodeError) = OtlpRequestDecoder.Decode(body.Bytes, json);
        if (request is null)
        {
            return Fail(StatusCodes.Status400BadRequest, "Invalid OTLP trace export", decodeError!);
        }

        var mapping = OtlpSpanMapper.Map(request, time.GetUtcNow());
        if (mapping.Error is not null)
        {
            return Fail(StatusCodes.Status400BadRequest, "Invalid OTLP trace export", mapping.Error);
        }

        var events = mapping.Spans.SelectMany(s => s.Events).ToList();
        var response = new ExportTraceServiceResponse();
        if (events.Count > 0)
        {
            // Resolved here, not injected: a request rejected above never needs the storage side.
            var pipeline = http.RequestServices.GetRequiredService<IIngestionPipeline>();
            var result = await pipeline.IngestAsync(http.ProjectAccess().ProjectId, events, cancellationToken);
            if (result.Errors.Any(e => e.Status >= StatusCodes.Status500InternalServerError))
            {
                // Nothing is lost by asking for a resend: span ids make the events idempotent.
                http.Response.Headers.RetryAfter = "1";
                return Fail(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "The spans could not be stored; retry the export.");
            }

            response.PartialSuccess = PartialSuccess(mapping, result, loggers.CreateLogger(typeof(OtelEndpoints)));
        }

        return json
            ? TypedResults.Content(response.PartialSuccess is null ? "{}" : JsonFormatter.Default.Format(response), JsonType)
            : TypedResults.Bytes(response.ToByteArray(), ProtobufType);
    }

    private static ExportTracePartialSuccess? PartialSuccess(OtlpMapping mapping, IngestionResponse result, ILogger logger)
    {
        if (result.Errors.Count == 0)
        {
            return null;
        }

        var failed = result.Errors.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var rejected = mapping.Spans
            .Select(s => (s.SpanId, Error: s.Events.Select(e => failed.GetValueOrDefault(e.EventId)).FirstOrDefault(e => e is not null)))
            .Where(s => s.Error is not null)
            .ToList();
        var reasons = string.Join("; ", rejected.Take(5).Select(s => $"span {s.SpanId}: {s.Error!.Message} {s.Error.Error}".Trim()));
        LogRejected(logger, rejected.Count, mapping.Spans.Count, reasons);
        return new ExportTracePartialSuccess { RejectedSpans = rejected.Count, ErrorMessage = reasons };
    }

    private static JsonHttpResult<OtlpError> Fail(int status, string error, string message) =>
        TypedResults.Json(new OtlpError(error, message), statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OTLP export: {Rejected} of {Total} spans rejected: {Reasons}")]
    private static partial void LogRejected(ILogger logger, int rejected, int total, string reasons);
}
