namespace Lantern.Silo.Streams;

/// <summary>A queued message with the time it was queued, so that consumers can report lag.</summary>
internal readonly record struct StreamEnvelope<T>(T Message, long EnqueuedTimestamp);
