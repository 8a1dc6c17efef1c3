namespace Lantern.IngestBench;

/// <summary>One batch's acknowledgement: when it was due, in seconds from the start of its phase, and how long it took.</summary>
internal readonly record struct Ack(double DueSeconds, double Ms);
