namespace Lantern.Api.Admin;

/// <summary>Body of <c>POST /api/admin/projects</c>; the id is generated when absent.</summary>
public sealed record CreateProjectRequest(string? Id, string? Name, string? OrgId, string? OrgName);
