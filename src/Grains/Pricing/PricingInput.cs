using System.Text.Json;

namespace Lantern.Grains.Pricing;

/// <summary>What tier conditions look at: the usage to price and the observation's top-level attributes as raw JSON.</summary>
/// <param name="usage">The usage to price, by usage key.</param>
/// <param name="modelParametersJson">The observation's raw <c>modelParameters</c>, read only when a condition asks.</param>
/// <param name="metadata">The observation's metadata keys.</param>
public sealed class PricingInput(IReadOnlyDictionary<string, long> usage, string? modelParametersJson, IReadOnlyDictionary<string, string> metadata)
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, string>? _modelParameters;

    public IReadOnlyDictionary<string, long> Usage => usage;

    /// <summary>Parsed on first use: most tiers look at usage alone, and parsing every generation's parameters up front was a third of pricing.</summary>
    public IReadOnlyDictionary<string, string> ModelParameters => _modelParameters ??= Attributes(modelParametersJson);

    public IReadOnlyDictionary<string, string> Metadata => metadata;

    private static IReadOnlyDictionary<string, string> Attributes(string? raw)
    {
        if (raw is null)
        {
            return NoAttributes;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal)
                : NoAttributes;
        }
        catch (JsonException)
        {
            return NoAttributes;
        }
    }
}
