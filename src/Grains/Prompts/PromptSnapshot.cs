namespace Lantern.Grains.Prompts;

/// <summary>The versions of one prompt name as stored at <paramref name="Revision"/> (0: never saved with a revision).</summary>
public sealed record PromptSnapshot(IReadOnlyList<PromptVersion> Versions, long Revision);
