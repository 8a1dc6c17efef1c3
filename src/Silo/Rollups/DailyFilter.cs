namespace Lantern.Silo.Rollups;

/// <summary>The filters of <c>GET /metrics/daily</c> and the page of days to return (newest first).</summary>
public sealed record DailyFilter(
    string ProjectId,
    string? TraceName,
    string? UserId,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Environments,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Offset,
    int Limit);
