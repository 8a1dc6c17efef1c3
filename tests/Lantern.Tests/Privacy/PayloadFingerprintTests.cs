using Lantern.Grains.Traces;

namespace Lantern.Tests.Privacy;

/// <summary>A resent payload must not count as a rewrite however the SDK formats it; any change of content must.</summary>
public sealed class PayloadFingerprintTests
{
    [Fact]
    public void Formatting_escaping_and_property_order_do_not_change_the_fingerprint()
    {
        var original = PayloadFingerprint.Of("""{"messages":[{"role":"user","content":"Hi A"}],"n":1}""");

        Assert.Equal(original, PayloadFingerprint.Of("""{ "n": 1, "messages": [ { "content": "Hi \u0041", "role": "user" } ] }"""));
    }

    [Fact]
    public void Escaped_property_names_and_strings_with_escapes_match_their_plain_spelling()
    {
        var plain = PayloadFingerprint.Of("""{"b":"line one\nline \"two\"","a":{"é":"ü","z":[1,2.50,true,null]}}""");

        Assert.Equal(plain, PayloadFingerprint.Of("""{"\u0061":{"z":[1,2.50,true,null],"\u00e9":"\u00fc"},"\u0062":"line one\u000aline \u0022two\u0022"}"""));
        Assert.NotEqual(plain, PayloadFingerprint.Of("""{"b":"line one\nline \"two\"","a":{"é":"u","z":[1,2.50,true,null]}}"""));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi B"}],"n":1}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"}],"n":2}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"},{"role":"user","content":"Hi A"}],"n":1}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"}],"n":"1"}""")]
    public void Any_change_of_content_changes_the_fingerprint(string changed) =>
        Assert.NotEqual(PayloadFingerprint.Of("""{"messages":[{"role":"user","content":"Hi A"}],"n":1}"""), PayloadFingerprint.Of(changed));
}
