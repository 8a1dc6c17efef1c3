namespace Lantern.Grains.Rollups;

/// <summary>Rollups of a whole project (key <c>projectId/</c>).</summary>
public interface IProjectGrain : IRollupGrain;
