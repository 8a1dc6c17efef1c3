namespace Lantern.Api.Otel;

/// <summary>Limits of the OTLP endpoint (section <c>Lantern:Otlp</c>).</summary>
public sealed class OtlpOptions
{
    public const string Section = "Lantern:Otlp";

    /// <summary>
    /// Largest request body, compressed and after gunzip. Exporters send up to 512 spans per request and spans carry
    /// whole prompts and completions, so this is above the batch endpoint's 4.5 MB.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
}
