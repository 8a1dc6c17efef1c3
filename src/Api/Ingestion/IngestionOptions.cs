namespace Lantern.Api.Ingestion;

/// <summary>Limits of the ingestion endpoints.</summary>
public sealed class IngestionOptions
{
    /// <summary>Largest accepted request body after decompression; Langfuse's is 4.5 MB, the SDKs send at most 2.5 MB.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
}
