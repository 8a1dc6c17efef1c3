namespace Lantern.Silo.Rollups;

/// <summary>A page of the user list: window over hour buckets, sort, offset and limit.</summary>
public sealed record UserListQuery(
    string ProjectId, DateTimeOffset? From, DateTimeOffset? To, UserOrder Order, bool Descending, int Offset, int Limit);
