using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

/// <summary>
/// One app for the user and session endpoint tests, seeded once: alice (3 traces in session s1, two models), bob (1 costly
/// trace), carol (2 token-heavy traces) and a trace without a user; generations of a1 (version 1), a2 and c1 (version 2) use prompt team/summary; at known hours from <see cref="LangfuseBatch.T0"/>.
/// </summary>
public sealed class UserRollupFixture : IAsyncLifetime
{
    public LanternApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await LanternApp.StartAsync();
        Http = App.CreateClient().Authorized();
        await Http.IngestAsync(
            Trace("a1", T0, "alice", "s1", cost: 0.01m, input: 60, output: 40, generation: Prompt(1)),
            Trace("a2", T0.AddHours(1), "alice", "s1", cost: 0.01m, input: 60, output: 40, generation: Prompt(2)),
            Trace("a3", T0.AddHours(2), "alice", "s1", model: "claude", cost: 0.01m, input: 60, output: 40),
            Trace("b1", T0.AddHours(5), "bob", cost: 0.5m, input: 30, output: 20),
            Trace("c1", T0.AddHours(3), "carol", cost: 0.2m, input: 600, output: 400, generation: Prompt(2)),
            Trace("c2", T0.AddHours(3).AddMinutes(10), "carol", cost: 0.2m, input: 600, output: 400),
            Trace("anonymous", T0));
        await Http.IngestAsync([
            Event("score-create", new() { ["id"] = "q1", ["traceId"] = "a1", ["name"] = "quality", ["value"] = 0.5 }),
            Event("score-create", new() { ["id"] = "q2", ["traceId"] = "a2", ["name"] = "quality", ["value"] = 1.0 })]);
    }

    public const string PromptName = "team/summary";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }

    private static Action<System.Text.Json.Nodes.JsonObject> Prompt(int version) => g =>
    {
        g["promptName"] = PromptName;
        g["promptVersion"] = version;
    };
}
