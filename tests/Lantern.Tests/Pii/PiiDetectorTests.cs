using Lantern.Grains.Pii;

namespace Lantern.Tests.Pii;

public sealed class PiiDetectorTests
{
    public static TheoryData<string, string> LabelledValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kind, value) in PiiCorpus.Labelled)
        {
            data.Add(kind, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LabelledValues))]
    public void Each_labelled_value_is_found_whole_with_its_kind_inside_a_sentence(string kind, string value)
    {
        var text = $"Hello, please note {value} for later.";

        var match = Assert.Single(PiiDetector.Find(text));

        Assert.Equal(kind, PiiLabels.Of(match.Kind));
        Assert.Equal(value, text.Substring(match.Index, match.Length));
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("000-12-3456")]
    [InlineData("12:30:45")]
    [InlineData("999.1.1.1")]
    [InlineData("+49 30")]
    public void Values_failing_their_check_are_not_found(string value) =>
        Assert.Empty(PiiDetector.Find($"Reference: {value} (see above)"));

    [Fact]
    public void A_bearer_token_is_found_without_the_scheme_word()
    {
        const string text = "Authorization: Bearer abcdefABCDEF0123456789xyz";

        var match = Assert.Single(PiiDetector.Find(text));

        Assert.Equal("abcdefABCDEF0123456789xyz", text.Substring(match.Index, match.Length));
    }

    [Fact]
    public void Only_the_requested_kinds_are_found()
    {
        const string text = "Mail alice.smith@example.com or call +44 20 7946 0958.";

        var match = Assert.Single(PiiDetector.Find(text, PiiKind.Phone));

        Assert.Equal(PiiKind.Phone, match.Kind);
    }

    [Fact]
    public void The_pii_free_corpus_has_no_findings()
    {
        var flagged = PiiCorpus.CleanTexts().Where(t => PiiDetector.Find(t).Count > 0).Distinct().Take(5).ToList();

        Assert.Empty(flagged);
    }
}
