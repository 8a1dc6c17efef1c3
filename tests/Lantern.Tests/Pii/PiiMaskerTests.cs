using System.Text;
using System.Text.Json;
using Lantern.Grains.Pii;

namespace Lantern.Tests.Pii;

public sealed class PiiMaskerTests
{
    private static readonly PiiMasker Masker = new(Encoding.UTF8.GetBytes("test-hash-key-0123456789"));
    private static readonly PiiPolicy Redact = new(PiiMode.Redact, PiiKind.All);
    private static readonly PiiPolicy Hash = new(PiiMode.Hash, PiiKind.All);

    [Fact]
    public void Redact_replaces_each_value_with_its_kind()
    {
        var masked = Masker.Mask("Card 4111 1111 1111 1111, mail bob@example.com, IP 10.0.0.7.", Redact);

        Assert.Equal("Card [CREDIT_CARD], mail [EMAIL], IP [IP_ADDRESS].", masked);
    }

    [Fact]
    public void Hash_is_stable_ignores_case_and_separators_and_tells_values_apart()
    {
        var first = Masker.Mask("alice@example.com", Hash);
        var again = Masker.Mask("ALICE@example.com", Hash);
        var card = Masker.Mask("4111111111111111", Hash);
        var spacedCard = Masker.Mask("4111 1111 1111 1111", Hash);
        var other = Masker.Mask("bob@example.com", Hash);

        Assert.Matches(@"^\[EMAIL:[0-9a-f]{12}\]$", first);
        Assert.Equal(first, again);
        Assert.Equal(card, spacedCard);
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, new PiiMasker(Encoding.UTF8.GetBytes("another-key")).Mask("alice@example.com", Hash));
    }

    [Fact]
    public void Off_and_unselected_kinds_leave_text_as_sent()
    {
        const string text = "alice@example.com, +44 20 7946 0958";

        Assert.Same(text, Masker.Mask(text, PiiPolicy.Off));
        Assert.Equal("alice@example.com, [PHONE]", Masker.Mask(text, new PiiPolicy(PiiMode.Redact, PiiKind.Phone)));
    }

    [Fact]
    public void Json_keeps_its_shape_and_only_strings_and_card_numbers_change()
    {
        using var document = JsonDocument.Parse("""
            {"messages":[{"role":"user","content":"I am alice@example.com"},{"role":"assistant","content":"ok"}],
             "n":4111111111111111,"ms":1732364400000,"ok":true,"none":null,"alice@example.com":"ssn 078-05-1120","nested":{"ip":["10.0.0.7"]}}
            """);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        bool changed;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            changed = Masker.WriteMasked(document.RootElement, Redact, writer);
        }

        var masked = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.True(changed);
        Assert.Equal(
            """{"messages":[{"role":"user","content":"I am [EMAIL]"},{"role":"assistant","content":"ok"}],"n":"[CREDIT_CARD]","ms":1732364400000,"ok":true,"none":null,"alice@example.com":"ssn [SSN]","nested":{"ip":["[IP_ADDRESS]"]}}""",
            masked);
    }

    [Fact]
    public void A_policy_reads_back_what_it_stores_and_rejects_unknown_kinds()
    {
        var policy = new PiiPolicy(PiiMode.Hash, PiiKind.Email | PiiKind.Iban);
        using var stored = JsonDocument.Parse(JsonSerializer.Serialize(policy.ToJson()));
        using var bad = JsonDocument.Parse("""{"mode":"redact","kinds":["EMAIL","PASSPORT"]}""");
        using var badMode = JsonDocument.Parse("""{"mode":"1"}""");

        Assert.Null(PiiPolicy.TryParse(stored.RootElement, out var read));
        Assert.Equal(policy, read);
        Assert.Contains("PASSPORT", PiiPolicy.TryParse(bad.RootElement, out _), StringComparison.Ordinal);
        Assert.NotNull(PiiPolicy.TryParse(badMode.RootElement, out _));
    }

    [Fact]
    public void Allowed_values_stay_and_denied_terms_are_masked_whatever_their_case()
    {
        using var json = JsonDocument.Parse("""{"mode":"redact","kinds":["EMAIL"],"allow":["support@acme.com"],"deny":["Project Falcon"]}""");
        Assert.Null(PiiPolicy.TryParse(json.RootElement, out var policy));

        var masked = Masker.Mask("Ask support@acme.com or jane@acme.com about project falcon.", policy);

        Assert.Equal("Ask support@acme.com or [EMAIL] about [CUSTOM].", masked);
        Assert.Equal(policy, ReadBack(policy));
    }

    [Theory]
    [InlineData("""{"mode":"redact","allow":"support@acme.com"}""", "allow")]
    [InlineData("""{"mode":"redact","deny":[""]}""", "deny")]
    [InlineData("""{"mode":"redact","deny":[42]}""", "deny")]
    public void Malformed_lists_are_refused_naming_the_list(string body, string list)
    {
        using var json = JsonDocument.Parse(body);

        Assert.StartsWith(list, PiiPolicy.TryParse(json.RootElement, out _), StringComparison.Ordinal);
    }

    private static PiiPolicy ReadBack(PiiPolicy policy)
    {
        using var stored = JsonDocument.Parse(JsonSerializer.Serialize(policy.ToJson()));
        Assert.Null(PiiPolicy.TryParse(stored.RootElement, out var read));
        return read;
    }
}
