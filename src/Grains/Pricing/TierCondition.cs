namespace Lantern.Grains.Pricing;

/// <summary>One condition of a pricing tier, tested against an observation's usage and attributes.</summary>
public abstract record TierCondition
{
    public abstract bool Matches(PricingInput input);
}
