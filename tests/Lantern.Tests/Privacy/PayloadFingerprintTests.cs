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

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi B"}],"n":1}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"}],"n":2}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"},{"role":"user","content":"Hi A"}],"n":1}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi A"}],"n":"1"}""")]
    public void Any_change_of_content_changes_the_fingerprint(string changed) =>
        Assert.NotEqual(PayloadFingerprint.Of("""{"messages":[{"role":"user","content":"Hi A"}],"n":1}"""), PayloadFingerprint.Of(changed));
}
