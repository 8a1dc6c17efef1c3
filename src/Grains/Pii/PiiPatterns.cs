using System.Text.RegularExpressions;

namespace Lantern.Grains.Pii;

/// <summary>
/// Candidate patterns, source-generated so the hot path pays no regex construction or interpretation. They are loose on
/// purpose where a validator (Luhn, mod-97, digit counts, address parsing) decides; lookarounds keep a match from
/// starting or ending inside a longer token.
/// </summary>
internal static partial class PiiPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])", Options)]
    internal static partial Regex Email();

    // International (+ or 00 prefix) numbers, then North American ones written 555-123-4567 or (555) 123-4567; never starting
    // in the middle of a longer run of digit groups (an account number).
    [GeneratedRegex(@"(?<![\w+]|\d[ .\-])(?:(?:\+|00)[1-9]\d{0,2}[ .\-]?(?:\(\d{1,4}\)[ .\-]?)?\d{1,5}(?:[ .\-]?\d{1,5}){1,5}|(?:\(\d{3}\) ?|\d{3}[.\-])\d{3}[.\-]\d{4})(?![\w\-])", Options)]
    internal static partial Regex Phone();

    [GeneratedRegex(@"(?<![\w\-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w\-])", Options)]
    internal static partial Regex Ssn();

    [GeneratedRegex(@"(?<![\w\-])\d(?:[ \-]?\d){12,18}(?![\w\-])", Options)]
    internal static partial Regex CreditCard();

    // Printed in groups of four (DE89 3704 0044 0532 0130 00) or in one run.
    [GeneratedRegex(@"(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?!\w)", Options)]
    internal static partial Regex Iban();

    [GeneratedRegex(@"(?<![\w\-])(?:sk-(?:proj-|ant-|lf-)?[A-Za-z0-9_\-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9\-]{10,}|AIza[0-9A-Za-z_\-]{35}|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})|(?<=\b[Bb]earer\s+)[A-Za-z0-9\-._~+/]{16,}=*", Options)]
    internal static partial Regex ApiKey();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----", Options)]
    internal static partial Regex PrivateKey();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)", Options)]
    internal static partial Regex IPv4();

    // Loose: IPAddress.TryParse decides, which rejects times (12:30:45) and other colon runs.
    [GeneratedRegex(@"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4})(?![\w:])", Options)]
    internal static partial Regex IPv6();
}
