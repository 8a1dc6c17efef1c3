using Lantern.Api.Queries.Traces;

namespace Lantern.Api.Queries.Sessions;

/// <summary><c>SessionWithTraces</c>.</summary>
public sealed record SessionDetailView(string Id, DateTimeOffset CreatedAt, string ProjectId, string Environment, IReadOnlyList<TraceView> Traces);
