using Lantern.Silo.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Infrastructure;

/// <summary>Another project with its own keys on the same node, to prove projects never see each other's data.</summary>
public static class SecondProject
{
    public const string Id = "other-project";
    public const string PublicKey = "pk-lf-other";
    public const string SecretKey = "sk-lf-other";

    public static async Task<HttpClient> CreateAsync(LanternApp app)
    {
        var store = app.Services.GetRequiredService<ProjectStore>();
        await store.UpsertProjectAsync(Id, "Other", "org", "Org", CancellationToken.None);
        await store.AddKeyAsync(Id, PublicKey, SecretKey, "project", CancellationToken.None);
        return app.CreateClient().Authorized(PublicKey, SecretKey);
    }
}
