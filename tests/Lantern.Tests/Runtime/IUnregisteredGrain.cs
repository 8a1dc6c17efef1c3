using Lantern.Contracts.Runtime;

namespace Lantern.Tests.Runtime;

public interface IUnregisteredGrain : IGrain
{
    Task PingAsync();
}
