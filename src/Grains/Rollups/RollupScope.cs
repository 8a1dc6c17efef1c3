namespace Lantern.Grains.Rollups;

/// <summary>The grains that keep rollups; each stores rows per hour bucket and model.</summary>
public enum RollupScope
{
    Project,
    User,
    Session,
    Prompt,
}
