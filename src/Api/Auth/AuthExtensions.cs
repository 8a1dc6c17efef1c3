using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lantern.Api.Auth;

/// <summary>Declares project-key authentication once per route group.</summary>
public static class AuthExtensions
{
    public static IServiceCollection AddLanternAuth(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProjectAuthenticator>();
        return services;
    }

    public static TBuilder RequireProjectKey<TBuilder>(this TBuilder builder, bool allowScoresOnly = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = new ProjectAuthFilter(factory.ApplicationServices.GetRequiredService<ProjectAuthenticator>(), allowScoresOnly);
            return context => filter.InvokeAsync(context, next);
        });

    /// <summary>The authenticated project of the current request (set by <see cref="ProjectAuthFilter"/>).</summary>
    public static ProjectAccess ProjectAccess(this HttpContext http) =>
        (ProjectAccess)http.Items[ProjectAuthFilter.ItemKey]!;
}
