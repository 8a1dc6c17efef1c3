using Lantern.Grains.Pii;

namespace Lantern.Silo.Pii;

/// <summary>The masking policy of projects that have none of their own: <c>LANTERN_PII_MODE</c> (off, redact or hash; default off).</summary>
public sealed class PiiOptions
{
    public PiiMode DefaultMode { get; set; } = PiiMode.Off;
}
