namespace Lantern.Tests.Pii;

/// <summary>
/// A labelled corpus: real-looking personal data and secrets (all documentation or test values) embedded in chat
/// messages, and PII-free text full of things that resemble it (versions, dates, ids, prices, hashes, times) to measure
/// false positives. Shared with tools/Lantern.PiiBench, so it depends on nothing but the BCL.
/// </summary>
public static class PiiCorpus
{
    /// <summary>Values that must be masked, with their kind's label.</summary>
    public static readonly (string Kind, string Value)[] Labelled =
    [
        ("EMAIL", "alice.smith@example.com"), ("EMAIL", "bob+billing@mail.example.co.uk"), ("EMAIL", "J.Doe_42@sub.example.org"),
        ("PHONE", "+44 20 7946 0958"), ("PHONE", "+1 (415) 555-0132"), ("PHONE", "+49 30 901820"), ("PHONE", "0033 1 42 68 53 00"),
        ("PHONE", "(212) 555-0199"), ("PHONE", "415-555-0177"), ("PHONE", "+91 98765 43210"), ("PHONE", "+81-3-1234-5678"),
        ("SSN", "078-05-1120"), ("SSN", "219-09-9999"), ("SSN", "536-22-8726"),
        ("CREDIT_CARD", "4111 1111 1111 1111"), ("CREDIT_CARD", "5500-0000-0000-0004"), ("CREDIT_CARD", "378282246310005"),
        ("CREDIT_CARD", "6011111111111117"), ("CREDIT_CARD", "4012888888881881"),
        ("IBAN", "DE89 3704 0044 0532 0130 00"), ("IBAN", "GB82WEST12345698765432"), ("IBAN", "FR1420041010050500013M02606"),
        ("IBAN", "NL91ABNA0417164300"),
        ("API_KEY", "sk-proj-4fGh7Jk9LmN2pQ5rS8tV1wX3yZ6aB0cD"), ("API_KEY", "AKIAIOSFODNN7EXAMPLE"),
        ("API_KEY", "ghp_1A2b3C4d5E6f7G8h9I0jK1lM2nO3pQ4rS5tU"), ("API_KEY", "sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0F"),
        ("API_KEY", "xoxb-2048-9931-AbCdEfGhIjKlMnOp"),
        ("API_KEY", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----"),
        ("IP_ADDRESS", "192.168.1.42"), ("IP_ADDRESS", "203.0.113.195"), ("IP_ADDRESS", "10.20.30.40"),
        ("IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"), ("IP_ADDRESS", "fe80::1ff:fe23:4567:890a"),
    ];

    /// <summary>Values that look like PII but fail a validator, so masking them would be a false positive.</summary>
    public static readonly string[] Invalid = ["4111 1111 1111 1112", "DE89 3704 0044 0532 0130 01", "000-12-3456", "12:30:45", "999.1.1.1"];

    private static readonly string[] Templates =
    [
        "Hi, this is {0}, can you update my account?",
        "Please send the invoice to {0} before Friday.",
        "My details: {0}. Thanks!",
        "The user pasted \"{0}\" into the chat; summarise their request.",
        "Assistant: I found {0} in the logs you shared.",
    ];

    private static readonly string[] Clean =
    [
        "Upgrade to version 3.12.4 and rerun the migration on 2024-11-05.",
        "The order #48213 shipped on 05/11/2024 at 14:32:10 and costs $1,249.99.",
        "Trace 7c9e6679-7425-40de-944b-e07fc1f90ae7 took 1532 ms with 2048 tokens.",
        "Commit 3f9a0c1d2e4b5a6978877665544332211ffeeddc fixed the flaky test.",
        "Use model gpt-4o-2024-08-06 with temperature 0.7 and top_p 0.95.",
        "Call std::vector<int>::size() in O(1); then map::find in O(log n).",
        "The meeting is at 10:30 in room B-204, floor 3, building 12.",
        "Population grew from 8,123,456 to 8,234,567 between 2019 and 2023.",
        "Set LANTERN_PORT=3000 and timeout=30s; retry 3 times with backoff 1.5x.",
        "Coordinates 52.5200, 13.4050 mark the centre of Berlin.",
        "Pi is 3.14159265358979 and e is 2.71828182845904.",
        "The ISBN 978-3-16-148410-0 belongs to a textbook on compilers.",
        "Run `kubectl scale deploy/api --replicas=12` then watch the rollout.",
        "Unix time 1732364400000 is a 13-digit millisecond timestamp.",
        "Quarterly revenue: Q1 1.2M, Q2 1.45M, Q3 1.61M, Q4 1.9M (EUR).",
        "Section 4.2.1 of RFC 9110 describes conditional requests.",
        "Batch 2024-Q3-0042 contains 1500 rows; 12 failed validation.",
        "The SHA-256 is e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.",
        "Bearer tokens must never be logged, the policy says.",
        "Email support through the in-app form; phone support is closed.",
        "Score 0.8731 over 10000 samples, p < 0.001, n = 512.",
        "Build 20241105.3 passed 1,024 of 1,024 tests on linux-x64.",
        "Our SKU AB12-CD34-EF56 is out of stock until March.",
        "The ratio 16:9 and times 09:00-17:30 apply on weekdays.",
        "Memory at 0x7ffd5e8c3a10 was freed twice; see issue 4521.",
    ];

    /// <summary>Every labelled value embedded in every template.</summary>
    public static IEnumerable<(string Kind, string Value, string Text)> Messages() =>
        from item in Labelled
        from template in Templates
        select (item.Kind, item.Value, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, item.Value));

    /// <summary>PII-free texts: the clean sentences, alone and joined in pairs, so the count is large enough to rate.</summary>
    public static IEnumerable<string> CleanTexts() =>
        Clean.Concat(from a in Clean from b in Clean where a != b select a + " " + b);
}
