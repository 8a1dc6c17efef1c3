using Lantern.Api.Ingestion;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.Evaluators;

namespace Lantern.Api.Guard;

/// <summary>Stores evaluator scores through the ingestion pipeline, the same path as scores sent by an SDK.</summary>
public sealed partial class PipelineScoreSink(IIngestionPipeline pipeline, ILogger<PipelineScoreSink> logger) : IEvaluationScoreSink
{
    public async Task WriteAsync(string projectId, IReadOnlyList<IngestionEvent> scores, CancellationToken cancellationToken)
    {
        var response = await pipeline.IngestAsync(projectId, scores, cancellationToken);
        if (response.Errors.Count > 0)
        {
            LogNotStored(logger, response.Errors.Count, projectId, response.Errors[0].Message);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Count} evaluator scores of project {ProjectId} were not stored: {Message}")]
    private static partial void LogNotStored(ILogger logger, int count, string projectId, string? message);
}
