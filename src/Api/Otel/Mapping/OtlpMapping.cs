namespace Lantern.Api.Otel.Mapping;

/// <summary>The result of mapping an export: every span's events, or why the whole export is rejected.</summary>
/// <param name="Spans">One entry per span, in request order.</param>
/// <param name="Error">Set when a span has no valid trace or span id: Langfuse rejects the whole export then (400).</param>
public sealed record OtlpMapping(IReadOnlyList<MappedSpan> Spans, string? Error);
