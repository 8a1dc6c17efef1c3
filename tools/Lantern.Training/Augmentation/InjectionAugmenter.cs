using Lantern.Training.Data;

namespace Lantern.Training.Augmentation;

/// <summary>
/// Adds templated direct and indirect injections (an attack in an email, web page, tool result, code or
/// document) as positives, and as negatives the same carriers without the attack, injection look-alikes and
/// long benign texts made by joining benign rows: the data's positives are longer than its negatives, and
/// these teach the model that length and a document wrapper are not evidence.
/// </summary>
internal static class InjectionAugmenter
{
    /// <summary>Rows for training: the first half of every template list, benign filler from <paramref name="rows"/>.</summary>
    public static List<LabelledText> ForTraining(IReadOnlyList<LabelledText> rows, int seed) => Generate(rows, seed, probe: false, count: 800);

    /// <summary>Rows for measuring: only the second half of the templates, filler from <paramref name="rows"/> (held-out data).</summary>
    public static List<LabelledText> ForProbe(IReadOnlyList<LabelledText> rows, int seed) => Generate(rows, seed, probe: true, count: 300);

    private static List<LabelledText> Generate(IReadOnlyList<LabelledText> rows, int seed, bool probe, int count)
    {
        var random = new Random(seed);
        var benign = rows.Where(r => r.Label == 0 && r.Text.Length < 600).Select(r => r.Text).ToArray();
        var attacks = Half(InjectionTemplates.Attacks, probe);
        var carriers = Half(InjectionTemplates.Carriers, probe);
        var lookAlikes = Half(InjectionTemplates.LookAlikes, probe);
        var result = new List<LabelledText>();
        for (var i = 0; i < count; i++)
        {
            var carrier = carriers[random.Next(carriers.Length)];
            var filler = benign[random.Next(benign.Length)];
            var attack = attacks[random.Next(attacks.Length)];
            result.Add(new LabelledText(carrier.Replace("{filler}", filler).Replace("{attack}", attack), 1));
            result.Add(new LabelledText(carrier.Replace("{filler}", filler).Replace("{attack}", benign[random.Next(benign.Length)]), 0));
            if (i % 2 == 0)
            {
                var joined = string.Join("\n\n", Enumerable.Range(0, 2 + random.Next(4)).Select(_ => benign[random.Next(benign.Length)]));
                result.Add(new LabelledText(joined, 0));
            }
            if (i % 4 == 0)
            {
                result.Add(new LabelledText(lookAlikes[random.Next(lookAlikes.Length)], 0));
            }
        }
        return result;
    }

    private static string[] Half(string[] items, bool second) => second ? items[(items.Length / 2)..] : items[..(items.Length / 2)];
}
