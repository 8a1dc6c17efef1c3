using System.Text;

namespace Lantern.Training.Data;

/// <summary>
/// A seeded split that keeps near-duplicates together: rows whose first 48 lower-cased alphanumerics agree
/// (template variants) form one group, and whole groups go to one side, so validation never sees a sibling
/// of a training row. Same seed and rows, same split.
/// </summary>
internal static class DataSplit
{
    public static (List<LabelledText> Train, List<LabelledText> Held) Split(IReadOnlyList<LabelledText> rows, double heldFraction, int seed)
    {
        var groups = rows.GroupBy(r => GroupKey(r.Text)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var train = new List<LabelledText>();
        var held = new List<LabelledText>();
        foreach (var group in groups)
        {
            (random.NextDouble() < heldFraction ? held : train).AddRange(group);
        }
        return (train, held);
    }

    public static string GroupKey(string text)
    {
        var key = new StringBuilder(48);
        foreach (var c in text)
        {
            if (key.Length == 48)
            {
                break;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                key.Append(lower);
            }
        }
        return key.ToString();
    }
}
