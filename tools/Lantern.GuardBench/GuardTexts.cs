using Lantern.Training.Data;

namespace Lantern.GuardBench;

/// <summary>
/// The texts sent to the guard: real rows of the training data (benign prompts and injections from data/injection, toxic
/// comments from data/toxicity) of 50 to 2,000 characters, and benign prompts with personal data written into them.
/// Drawn with a fixed seed, so two runs send the same texts in the same order.
/// </summary>
internal static class GuardTexts
{
    public const int MinChars = 50;
    public const int MaxChars = 2000;

    // Out of 20 texts: 8 benign, 4 injections, 3 toxic, 5 with personal data.
    private static readonly string[] Mix = ["benign", "injection", "pii", "benign", "toxic", "benign", "pii", "injection", "benign", "toxic",
        "pii", "benign", "injection", "benign", "pii", "toxic", "benign", "injection", "pii", "benign"];

    // Documentation and test values only.
    private static readonly string[] PiiSentences =
    [
        "My name is Maria Garcia and my email is maria.garcia@example.com.",
        "Please call Dr. James Wilson on +44 20 7946 0958 before noon.",
        "Charge card 4111 1111 1111 1111 (exp 12/29) for the order of Mr. Robert Brown.",
        "Wire it to IBAN DE89 3704 0044 0532 0130 00, reference 2291.",
        "My SSN is 078-05-1120 and I live alone.",
        "The server at 203.0.113.195 logged in with key AKIAIOSFODNN7EXAMPLE yesterday.",
        "Signed, Emily Johnson (emily.j@example.org, (212) 555-0199)",
        "Name: Daniel Martinez, phone 415-555-0177, account 5500-0000-0000-0004.",
    ];

    public static List<GuardText> Load(string dataDir, int count, int seed)
    {
        var random = new Random(seed);
        var injection = CsvReader.Read(Path.Combine(dataDir, "injection/train.csv"));
        var toxicity = CsvReader.Read(Path.Combine(dataDir, "toxicity/train.csv"));
        var pools = new Dictionary<string, string[]>
        {
            ["benign"] = Fitting(injection, 0),
            ["injection"] = Fitting(injection, 1),
            ["toxic"] = Fitting(toxicity, 1),
        };
        var texts = new List<GuardText>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = Mix[i % Mix.Length];
            var text = kind == "pii" ? WithPii(Pick(pools["benign"], random), random) : Pick(pools[kind], random);
            texts.Add(new GuardText(kind, text));
        }

        return texts;
    }

    private static string[] Fitting(List<LabelledText> rows, int label) =>
        [.. rows.Where(r => r.Label == label && r.Text.Length is >= MinChars and <= MaxChars).Select(r => r.Text)];

    private static string Pick(string[] pool, Random random) => pool[random.Next(pool.Length)];

    private static string WithPii(string prompt, Random random)
    {
        var first = PiiSentences[random.Next(PiiSentences.Length)];
        var second = PiiSentences[random.Next(PiiSentences.Length)];
        var withPii = random.Next(2) == 0 ? $"{first} {prompt}" : $"{prompt} {first} {second}";
        return withPii.Length <= MaxChars ? withPii : withPii[..MaxChars];
    }
}
