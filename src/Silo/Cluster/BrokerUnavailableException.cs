namespace Lantern.Silo.Cluster;

/// <summary>
/// The broker did not confirm a request's messages, or the partition owners did not confirm its deletions, in time. The
/// client is answered 503 with Retry-After and the message says what was kept: resending is safe because every message
/// the silos apply is idempotent.
/// </summary>
public sealed class BrokerUnavailableException(string message, Exception innerException) : Exception(message, innerException);
