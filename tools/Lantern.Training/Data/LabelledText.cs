namespace Lantern.Training.Data;

/// <summary>One training example: a text and its binary label (1 = the positive class).</summary>
internal sealed record LabelledText(string Text, int Label);
