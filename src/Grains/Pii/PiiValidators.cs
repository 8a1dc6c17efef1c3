using System.Net;
using System.Net.Sockets;

namespace Lantern.Grains.Pii;

/// <summary>Checks that turn a pattern's candidate into a finding: check digits and lengths cut false positives.</summary>
internal static class PiiValidators
{
    /// <summary>13 to 19 digits, a known card prefix, and a valid Luhn check digit.</summary>
    public static bool IsCreditCard(ReadOnlySpan<char> text)
    {
        Span<int> digits = stackalloc int[19];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c - '0';
            }
        }

        return count >= 13 && HasBrandLength(digits[..count]) && Luhn(digits[..count]);
    }

    public static bool Luhn(ReadOnlySpan<int> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>ISO 13616: 15 to 34 characters, and the number with the first four moved to the end is 1 mod 97.</summary>
    public static bool IsIban(ReadOnlySpan<char> text)
    {
        Span<char> iban = stackalloc char[34];
        var length = 0;
        foreach (var c in text)
        {
            if (c != ' ')
            {
                if (length == iban.Length)
                {
                    return false;
                }

                iban[length++] = c;
            }
        }

        if (length < 15)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = iban[(i + 4) % length];
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    /// <summary>ITU E.164 allows at most 15 digits; fewer than 8 is a short code or a number of something else.</summary>
    public static bool IsPhone(ReadOnlySpan<char> text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits is >= 8 and <= 15;
    }

    public static bool IsIPv6(ReadOnlySpan<char> text) =>
        text.Length >= 3 && text.ContainsAnyExcept(':') &&
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    // Issuer prefixes with their lengths (Visa, Mastercard, Amex, Discover/UnionPay, JCB, Diners): a bare digit run of another
    // shape is an id or a timestamp, not a card.
    private static bool HasBrandLength(ReadOnlySpan<int> d) => (d[0], d[1], d.Length) switch
    {
        (4, _, 13 or 16 or 19) => true,
        (5, >= 1 and <= 5, 16) or (2, >= 2 and <= 7, 16) => true,
        (3, 4 or 7, 15) => true,
        (6, _, >= 16) or (3, 5, >= 16) => true,
        (3, 0 or 6 or 8 or 9, >= 14) => true,
        _ => false,
    };
}
