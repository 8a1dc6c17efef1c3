using Lantern.Silo.Hosting;

namespace Lantern.Api.Hosting;

/// <summary>Puts <see cref="IdleCollectionMiddleware"/> in the pipeline where the process collects between requests.</summary>
public static class IdleCollectionApplicationExtensions
{
    /// <summary>First in the pipeline, so that no request escapes the count.</summary>
    public static void UseLanternIdleCollection(this WebApplication app)
    {
        // Registered on a single node and a cluster's API processes only. The collector itself is made with the pipeline,
        // at start, where a malformed setting stops the node with its message.
        if (app.Services.GetService<IServiceProviderIsService>()?.IsService(typeof(IdleCollector)) == true)
        {
            app.UseMiddleware<IdleCollectionMiddleware>();
        }
    }
}
