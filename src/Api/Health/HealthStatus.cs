namespace Lantern.Api.Health;

/// <summary>Langfuse's health body: <c>{ "status": "OK", "version": "…" }</c>.</summary>
public sealed record HealthStatus(string Status, string Version);
