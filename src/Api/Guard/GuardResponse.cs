namespace Lantern.Api.Guard;

/// <summary>The guard API's answer: flagged when any evaluator flagged the text, and each evaluator's verdict.</summary>
public sealed record GuardResponse(bool Flagged, IReadOnlyList<GuardVerdict> Verdicts);
