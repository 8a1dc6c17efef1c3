using Lantern.Grains.Pii;

namespace Lantern.Tests.Pii;

public sealed class PiiAnonymizerTests
{
    [Fact]
    public void Equal_values_share_a_placeholder_numbered_per_kind_and_deanonymize_restores_only_known_placeholders()
    {
        const string Text = "Reach ann@example.com, +44 20 7946 0958 or ann@example.com; server 10.0.0.12.";

        var anonymized = PiiAnonymizer.Anonymize(Text);
        var restored = PiiAnonymizer.Deanonymize(anonymized.Text + " [EMAIL_9]", anonymized.Values);

        Assert.Equal("Reach [EMAIL_1], [PHONE_1] or [EMAIL_1]; server [IP_ADDRESS_1].", anonymized.Text);
        Assert.Equal(Text + " [EMAIL_9]", restored);
        Assert.Equal(4, anonymized.Findings.Count);
        Assert.Equal("ann@example.com", Text.Substring(anonymized.Findings[2].Start, anonymized.Findings[2].Length));
    }

    [Fact]
    public void A_text_without_pii_is_returned_as_it_is()
    {
        var anonymized = PiiAnonymizer.Anonymize("What is the capital of France?");

        Assert.Equal("What is the capital of France?", anonymized.Text);
        Assert.Empty(anonymized.Findings);
        Assert.Empty(anonymized.Values);
    }
}
