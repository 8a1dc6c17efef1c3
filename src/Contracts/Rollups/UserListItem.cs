namespace Lantern.Contracts.Rollups;

/// <summary>One user in <c>GET /users</c>: the totals of its rollup rows in the requested window.</summary>
/// <param name="UserId">The user id traces carry.</param>
/// <param name="TotalCost">USD.</param>
/// <param name="InputTokens">Input usage.</param>
/// <param name="OutputTokens">Output usage.</param>
/// <param name="TotalTokens">Total usage.</param>
/// <param name="Traces">Traces of the user.</param>
/// <param name="Observations">Observations of those traces.</param>
/// <param name="Errors">Observations with level ERROR.</param>
/// <param name="FirstSeen">Earliest trace time.</param>
/// <param name="LastSeen">Latest trace time.</param>
public sealed record UserListItem(
    string UserId,
    decimal TotalCost,
    long InputTokens,
    long OutputTokens,
    long TotalTokens,
    long Traces,
    long Observations,
    long Errors,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen);
