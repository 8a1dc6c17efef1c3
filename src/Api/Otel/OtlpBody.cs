namespace Lantern.Api.Otel;

/// <summary>A request body read into memory, or the status and reason it could not be.</summary>
public sealed record OtlpBody(byte[]? Bytes, int Status, string? Error);
