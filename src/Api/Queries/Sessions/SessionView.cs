namespace Lantern.Api.Queries.Sessions;

/// <summary>A session as Langfuse lists it: it exists once a trace carries its id.</summary>
public sealed record SessionView(string Id, DateTimeOffset CreatedAt, string ProjectId, string Environment);
