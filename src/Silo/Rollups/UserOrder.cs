namespace Lantern.Silo.Rollups;

/// <summary>What <c>GET /users</c> sorts by; each maps to one fixed SQL expression, never to text from the request.</summary>
public enum UserOrder
{
    LastSeen,
    Cost,
    Tokens,
    Traces,
}
