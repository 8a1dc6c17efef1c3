namespace Lantern.Api.Ingestion;

/// <summary>The JSON shape a body field must have; <c>null</c> is accepted for every optional field.</summary>
public enum FieldRule
{
    /// <summary>Any JSON value (input, output, metadata).</summary>
    Any,
    /// <summary>A string.</summary>
    String,
    /// <summary>An id: a string of at most 800 characters.</summary>
    Id,
    /// <summary>A name: a string of at most 1000 characters.</summary>
    Name,
    /// <summary>An ISO-8601 date-time with <c>Z</c> or an explicit offset.</summary>
    Time,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,
    /// <summary>An integer.</summary>
    Int,
    /// <summary>An array of strings.</summary>
    StringArray,
    /// <summary>A JSON object.</summary>
    Object,
    /// <summary>An object of non-negative numbers (cost details in USD).</summary>
    CostMap,
    /// <summary><c>DEBUG</c>, <c>DEFAULT</c>, <c>WARNING</c> or <c>ERROR</c>.</summary>
    Level,
    /// <summary>A number or a string (a score value).</summary>
    ScoreValue,
    /// <summary><c>NUMERIC</c>, <c>CATEGORICAL</c>, <c>BOOLEAN</c>, <c>CORRECTION</c> or <c>TEXT</c>.</summary>
    ScoreDataType,
    /// <summary><c>API</c>, <c>EVAL</c> or <c>ANNOTATION</c>.</summary>
    ScoreSource,
    /// <summary><c>GENERATION</c>, <c>SPAN</c> or <c>EVENT</c> (legacy observation events).</summary>
    LegacyObservationType,
}
