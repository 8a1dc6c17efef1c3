namespace Lantern.Training;

/// <summary>A model Lantern ships: its name under models/, its data under data/, and what it detects.</summary>
internal sealed record ModelTask(string Name, string DataPath, bool Augment, string Positive, string Negative)
{
    public static readonly ModelTask[] All =
    [
        new("prompt-injection", "data/injection/train.csv", true, "prompt injection or jailbreak attempt", "benign prompt or document"),
        new("toxicity", "data/toxicity/train.csv", false, "toxic, offensive, hateful or abusive", "not toxic"),
    ];
}
