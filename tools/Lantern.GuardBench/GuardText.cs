namespace Lantern.GuardBench;

/// <summary>One text the benchmark sends, with what kind of text it is (benign, injection, toxic, pii).</summary>
internal sealed record GuardText(string Kind, string Text);
