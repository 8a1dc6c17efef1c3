namespace Lantern.Silo.Prompts;

/// <summary>One prompt name in a list: its matching versions, their labels, and the newest version's tags and config.</summary>
public sealed record PromptSummary(string Name, string Type, IReadOnlyList<int> Versions, IReadOnlyList<string> Labels, IReadOnlyList<string> Tags, DateTimeOffset LastUpdatedAt, string LastConfig);
