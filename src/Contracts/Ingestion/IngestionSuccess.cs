namespace Lantern.Contracts.Ingestion;

/// <summary>An event that was stored; <paramref name="Id"/> echoes the envelope event id.</summary>
public sealed record IngestionSuccess(string Id, int Status);
