using System.Text.Json.Serialization;

namespace Lantern.Grains.Traces;

/// <summary>An observation's usage and cost after normalisation and pricing.</summary>
public sealed record ObservationCost(
    IReadOnlyDictionary<string, long> UsageDetails,
    IReadOnlyDictionary<string, decimal> CostDetails,
    decimal? TotalCost,
    string? ModelId,
    string? PricingTierId,
    string? PricingTierName,
    decimal? InputPrice,
    decimal? OutputPrice,
    decimal? TotalPrice)
{
    public static ObservationCost None { get; } = new(
        new Dictionary<string, long>(), new Dictionary<string, decimal>(), null, null, null, null, null, null, null);

    /// <summary>Read-side rollup: the sum of usage keys containing <c>input</c>.</summary>
    [JsonIgnore]
    public long InputUsage => UsageDetails.Where(u => u.Key.Contains("input", StringComparison.Ordinal)).Sum(u => u.Value);

    [JsonIgnore]
    public long OutputUsage => UsageDetails.Where(u => u.Key.Contains("output", StringComparison.Ordinal)).Sum(u => u.Value);

    [JsonIgnore]
    public long TotalUsage => UsageDetails.TryGetValue("total", out var total) ? total : InputUsage + OutputUsage;

    [JsonIgnore]
    public decimal InputCost => CostDetails.Where(c => c.Key.Contains("input", StringComparison.Ordinal)).Sum(c => c.Value);

    [JsonIgnore]
    public decimal OutputCost => CostDetails.Where(c => c.Key.Contains("output", StringComparison.Ordinal)).Sum(c => c.Value);
}
