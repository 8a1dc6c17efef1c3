namespace Lantern.Silo.Privacy;

/// <summary>What one retention run deleted in one project: everything older than <c>Cutoff</c>.</summary>
public sealed record RetentionRun(string ProjectId, int Days, DateTimeOffset Cutoff, PurgeCounts Deleted);
