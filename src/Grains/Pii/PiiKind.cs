namespace Lantern.Grains.Pii;

/// <summary>The kinds of personal data and secrets the detector finds; a flag set so a policy can pick several cheaply.</summary>
[Flags]
public enum PiiKind
{
    None = 0,
    Email = 1,
    Phone = 2,
    Ssn = 4,
    CreditCard = 8,
    Iban = 16,
    ApiKey = 32,
    PrivateKey = 64,
    IpAddress = 128,

    /// <summary>A term on the project's deny list.</summary>
    Custom = 256,

    /// <summary>A person's name, found by <see cref="PersonNames"/>' heuristics (no NER model).</summary>
    Person = 512,
    All = Email | Phone | Ssn | CreditCard | Iban | ApiKey | PrivateKey | IpAddress | Custom | Person,
}
