using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Prompts;

/// <summary>Two Lantern apps on one database, each with its own grains, and a prompt API client for each.</summary>
internal sealed record ProcessPair(string Database, LanternApp First, LanternApp Second) : IAsyncDisposable
{
    public PromptApi A { get; } = new(First.CreateClient().Authorized());

    public PromptApi B { get; } = new(Second.CreateClient().Authorized());

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
