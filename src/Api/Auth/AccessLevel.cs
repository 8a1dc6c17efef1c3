namespace Lantern.Api.Auth;

/// <summary>What a request's key may do (Langfuse's accessLevel).</summary>
public enum AccessLevel
{
    /// <summary>Public key alone (Bearer): may only create scores.</summary>
    ScoresOnly,

    /// <summary>Public and secret key (Basic): the whole project.</summary>
    Project,

    /// <summary>Public and read-only secret key (Basic): reads of the whole project, no writes (dashboards).</summary>
    ReadOnly,
}
