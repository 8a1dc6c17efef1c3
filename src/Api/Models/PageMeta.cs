namespace Lantern.Api.Models;

/// <summary>Langfuse's page metadata; <c>totalPages</c> must be right because SDK loops stop on it.</summary>
public sealed record PageMeta(int Page, int Limit, int TotalItems, int TotalPages);
