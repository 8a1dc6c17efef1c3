namespace Lantern.Silo.Rollups;

/// <summary>How <c>GET /metrics/usage</c> groups its rows.</summary>
public enum UsageGrouping
{
    Project,
    User,
    Model,
}
