using System.Text.RegularExpressions;

namespace Lantern.Grains.Pricing;

/// <summary>Sums the usage values whose key matches a regex and compares the sum to a threshold ("Large Context" tiers).</summary>
public sealed record UsageCondition(string UsageDetailPattern, string Operator, decimal Value, bool CaseSensitive) : TierCondition
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal) { "gt", "gte", "lt", "lte", "eq", "neq" };

    private readonly Regex _pattern = ModelMatcher.CompileOrNever(UsageDetailPattern, CaseSensitive);

    public override bool Matches(PricingInput input)
    {
        decimal sum = 0;
        foreach (var (key, value) in input.Usage)
        {
            if (ModelMatcher.IsMatch(_pattern, key))
            {
                sum += value;
            }
        }

        return Operator switch
        {
            "gt" => sum > Value,
            "gte" => sum >= Value,
            "lt" => sum < Value,
            "lte" => sum <= Value,
            "eq" => sum == Value,
            "neq" => sum != Value,
            _ => false,
        };
    }

    // The compiled pattern follows from the properties; equality is the properties' alone.
    public bool Equals(UsageCondition? other) =>
        other is not null && UsageDetailPattern == other.UsageDetailPattern && Operator == other.Operator &&
        Value == other.Value && CaseSensitive == other.CaseSensitive;

    public override int GetHashCode() => HashCode.Combine(UsageDetailPattern, Operator, Value, CaseSensitive);
}
