using System.Text.Json;

namespace Lantern.Silo.Privacy;

/// <summary>One administrative action as the audit trail keeps it: who did what to which target, and when.</summary>
public sealed record AuditEntry(string Id, DateTimeOffset At, string? ProjectId, string Actor, string Action, string? Target, JsonElement Details);
