namespace Lantern.Grains.Pricing;

/// <summary>
/// The built-in price table: Langfuse's default model prices (MIT, see default-model-prices.SOURCE.txt), embedded in the
/// assembly and parsed and compiled once per process.
/// </summary>
public static class DefaultModelPrices
{
    private const string ResourceName = "Lantern.Grains.Pricing.default-model-prices.json";

    private static readonly Lazy<ModelMatcher> Table = new(Load);

    public static ModelMatcher Matcher => Table.Value;

    private static ModelMatcher Load()
    {
        using var stream = typeof(DefaultModelPrices).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded price table {ResourceName} is missing from the build.");
        return new ModelMatcher(PriceTableJson.ReadModels(stream));
    }
}
