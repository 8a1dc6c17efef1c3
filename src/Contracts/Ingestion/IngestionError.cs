using System.Text.Json.Serialization;

namespace Lantern.Contracts.Ingestion;

/// <summary>An event that was not stored, with why.</summary>
/// <param name="Id">The envelope event id, or <c>unknown</c>.</param>
/// <param name="Status">400 invalid, 401 out of the key's scope, 500 storage failure.</param>
/// <param name="Message">What went wrong, e.g. <c>Invalid request data</c>; absent on 500 as in Langfuse.</param>
/// <param name="Error">Details: which field and why.</param>
public sealed record IngestionError(
    string Id,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
