using Lantern.Grains.Pii;

namespace Lantern.Api.Guard;

/// <summary>The PII check of a guard scan: how many values, each finding with its placeholder, and the time it took.</summary>
public sealed record GuardPii(int Count, IReadOnlyList<PiiFinding> Findings, double DurationMs);
