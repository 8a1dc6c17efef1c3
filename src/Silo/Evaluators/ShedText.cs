namespace Lantern.Silo.Evaluators;

/// <summary>Where a shed text is stored: enough to read it again, without holding the text itself.</summary>
/// <param name="ProjectId">The project of the trace.</param>
/// <param name="TraceId">The trace the text belongs to (or the observation's trace).</param>
/// <param name="ObservationId">Null for the trace's own input and output.</param>
/// <param name="Field"><c>input</c> or <c>output</c>.</param>
public readonly record struct ShedText(string ProjectId, string TraceId, string? ObservationId, string Field);
