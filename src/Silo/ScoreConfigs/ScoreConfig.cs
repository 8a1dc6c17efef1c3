namespace Lantern.Silo.ScoreConfigs;

/// <summary>Langfuse's <c>ScoreConfig</c>: what scores naming it must be (data type, numeric range, categories).</summary>
public sealed record ScoreConfig(
    string Id,
    string ProjectId,
    string Name,
    string DataType,
    bool IsArchived,
    double? MinValue,
    double? MaxValue,
    IReadOnlyList<ScoreConfigCategory>? Categories,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
