namespace Lantern.Tests.Infrastructure;

/// <summary>Compares decimals by value, not by the scale PostgreSQL returned them with.</summary>
public static class DecimalExtensions
{
    public static decimal Normalize(this decimal value) => value / 1.000000000000000000000000000000000m;
}
