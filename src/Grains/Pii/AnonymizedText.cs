namespace Lantern.Grains.Pii;

/// <summary>A text with its personal data replaced by placeholders, the findings, and the placeholder → value map to restore them.</summary>
public sealed record AnonymizedText(string Text, IReadOnlyList<PiiFinding> Findings, IReadOnlyDictionary<string, string> Values);
