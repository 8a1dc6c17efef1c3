namespace Lantern.Contracts.Rollups;

/// <summary>A user whose spend in the sliding window broke the budget or spiked above its own baseline.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Reason"><c>budget</c> (window cost above the configured budget) or <c>spike</c> (a multiple of the user's baseline).</param>
/// <param name="WindowCostUsd">The user's cost in the window when detected.</param>
/// <param name="BaselineUsd">The user's average cost per window before it (null until there is history).</param>
/// <param name="DetectedAt">When the grain saw it.</param>
public sealed record UserSpendAlert(string UserId, string Reason, decimal WindowCostUsd, decimal? BaselineUsd, DateTimeOffset DetectedAt);
