namespace Lantern.Grains.Rollups;

/// <summary>What <see cref="SpendWindow"/> found: why, the window cost and the baseline it was judged against.</summary>
public sealed record UserSpendAlertCandidate(string Reason, decimal WindowCostUsd, decimal? BaselineUsd);
