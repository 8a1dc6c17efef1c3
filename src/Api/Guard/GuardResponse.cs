namespace Lantern.Api.Guard;

/// <summary>
/// The answer of <c>/api/guard/scan</c>: flagged when any model flagged the text, each model's verdict, the PII found, and
/// (when the text held PII and anonymization was asked for) the anonymized text with the vault id that restores it.
/// </summary>
public sealed record GuardResponse(bool Flagged, IReadOnlyList<GuardVerdict> Verdicts, GuardPii? Pii, string? AnonymizedText, string? VaultId);
