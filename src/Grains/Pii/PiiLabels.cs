namespace Lantern.Grains.Pii;

/// <summary>The wire names of the kinds: the tokens written into masked text and the names a policy lists.</summary>
public static class PiiLabels
{
    private static readonly (PiiKind Kind, string Label)[] Labels =
    [
        (PiiKind.Email, "EMAIL"), (PiiKind.Phone, "PHONE"), (PiiKind.Ssn, "SSN"), (PiiKind.CreditCard, "CREDIT_CARD"),
        (PiiKind.Iban, "IBAN"), (PiiKind.ApiKey, "API_KEY"), (PiiKind.PrivateKey, "PRIVATE_KEY"), (PiiKind.IpAddress, "IP_ADDRESS"),
        (PiiKind.Custom, "CUSTOM"), (PiiKind.Person, "PERSON"),
    ];

    public static IEnumerable<string> All => Labels.Select(l => l.Label);

    public static string Of(PiiKind kind) => Array.Find(Labels, l => l.Kind == kind).Label ?? kind.ToString();

    public static PiiKind? Parse(string label) =>
        Array.Find(Labels, l => string.Equals(l.Label, label, StringComparison.OrdinalIgnoreCase)) is { Label: not null } found ? found.Kind : null;
}
