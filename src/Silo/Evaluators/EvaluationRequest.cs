using System.Security.Cryptography;
using System.Text;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// One text to score, as published on the evaluation stream. It carries the text itself so that a consumer on another
/// node needs no database read; <see cref="TextHash"/> lets consumers skip texts they have already scored.
/// </summary>
/// <param name="ProjectId">The project the text belongs to.</param>
/// <param name="TraceId">The trace the scores are written to.</param>
/// <param name="ObservationId">Null for the trace's own input and output.</param>
/// <param name="Field"><c>input</c> or <c>output</c>.</param>
/// <param name="Text">The text extracted from the field.</param>
/// <param name="TextHash">SHA-256 of <paramref name="Text"/>, hex.</param>
public sealed record EvaluationRequest(string ProjectId, string TraceId, string? ObservationId, string Field, string Text, string TextHash)
{
    /// <summary>The request for <paramref name="text"/>, with its hash.</summary>
    public static EvaluationRequest For(string projectId, string traceId, string? observationId, string field, string text) =>
        new(projectId, traceId, observationId, field, text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
}
