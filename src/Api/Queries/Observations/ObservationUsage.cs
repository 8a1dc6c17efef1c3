namespace Lantern.Api.Queries.Observations;

/// <summary>The legacy <c>usage</c> object of an observation read: sums of the usage keys containing input and output.</summary>
public sealed record ObservationUsage(long Input, long Output, long Total, string Unit);
