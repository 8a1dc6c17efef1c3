namespace Lantern.Api.Privacy;

/// <summary>Maps the data-protection routes: user erasure, the audit trail, retention settings.</summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapLanternPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapUserErasure();
        app.MapAuditLog();
        app.MapRetention();
        return app;
    }
}
