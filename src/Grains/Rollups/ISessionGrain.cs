namespace Lantern.Grains.Rollups;

/// <summary>Rollups of one session (key <c>projectId/sessionId</c>): constant-time however many traces it has.</summary>
public interface ISessionGrain : IRollupGrain;
