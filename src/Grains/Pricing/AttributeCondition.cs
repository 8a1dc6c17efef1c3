using System.Text.Json;

namespace Lantern.Grains.Pricing;

/// <summary>
/// Holds when a top-level key of the model parameters or metadata has one of the listed values (e.g. OpenAI's
/// <c>service_tier</c> in <c>["flex"]</c>).
/// </summary>
public sealed record AttributeCondition(string Source, string Key, string Operator, IReadOnlyList<string> Values) : TierCondition
{
    public const string ModelParameters = "model_parameters";
    public const string Metadata = "metadata";

    public override bool Matches(PricingInput input)
    {
        var attributes = Source == Metadata ? input.Metadata : input.ModelParameters;
        return attributes.TryGetValue(Key, out var raw) && Text(raw) is { } value && Values.Contains(value, StringComparer.Ordinal);
    }

    private static string? Text(string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.String => document.RootElement.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => document.RootElement.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
