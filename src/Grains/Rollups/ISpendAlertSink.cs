using Lantern.Contracts.Rollups;

namespace Lantern.Grains.Rollups;

/// <summary>Where user spend alerts go besides the project grain: metrics and logs (implemented by the silo).</summary>
public interface ISpendAlertSink
{
    void UserSpendAlert(string projectId, UserSpendAlert alert);
}
