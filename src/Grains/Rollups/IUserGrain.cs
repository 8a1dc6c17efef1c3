namespace Lantern.Grains.Rollups;

/// <summary>Rollups of one user (key <c>projectId/userId</c>).</summary>
public interface IUserGrain : IRollupGrain;
