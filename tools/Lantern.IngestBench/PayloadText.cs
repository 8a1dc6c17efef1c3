namespace Lantern.IngestBench;

/// <summary>
/// The text each event is padded with (<c>--payload</c>): <c>x</c> repeats one letter, which every compressor shrinks to
/// almost nothing (the figures of rounds 1–12 were measured with it); <c>words</c> is English-like text of the same
/// length, which PostgreSQL compresses (TOAST, past 2 KB per row) about as hard as real prompts and completions.
/// </summary>
internal static class PayloadText
{
    public const string Letter = "x";
    public const string Words = "words";

    private static readonly string[] Vocabulary =
    [
        "the", "a", "of", "to", "and", "in", "is", "it", "you", "that", "was", "for", "on", "are", "with", "as", "they", "be",
        "at", "one", "have", "this", "from", "or", "had", "by", "word", "but", "what", "some", "we", "can", "out", "other",
        "were", "all", "there", "when", "up", "use", "your", "how", "said", "each", "which", "do", "their", "time", "if",
        "will", "way", "about", "many", "then", "them", "write", "would", "like", "so", "these", "long", "make", "thing",
        "see", "two", "has", "look", "more", "day", "could", "come", "number", "sound", "most", "people", "over", "know",
        "water", "than", "call", "first", "who", "may", "down", "side", "been", "now", "find", "new", "work", "part",
        "take", "get", "place", "made", "live", "where", "after", "back", "little", "only", "year", "show", "every", "good",
        "give", "our", "under", "name", "very", "through", "just", "form", "sentence", "great", "think", "say", "help",
        "line", "turn", "cause", "much", "mean", "before", "move", "right", "old", "same", "tell", "does", "set", "want",
        "well", "also", "small", "end", "put", "home", "read", "hand", "large", "add", "even", "here", "must", "big",
        "high", "such", "follow", "why", "ask", "change", "light", "kind", "need", "house", "picture", "try", "again",
        "point", "world", "near", "build", "self", "model", "token", "prompt", "answer", "context", "retrieval", "vector",
        "embedding", "user", "assistant", "system", "document", "summary", "question", "customer", "order", "invoice",
    ];

    public static string Of(string kind, int length)
    {
        if (kind == Letter)
        {
            return new string('x', length);
        }

        var random = new Random(42); // the same text in every run
        var text = new System.Text.StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(random.Next(12) == 0 ? ". " : " ");
        }

        return text.ToString(0, length);
    }
}
