namespace Lantern.Api.Cluster;

/// <summary>The broker did not confirm an ingested batch in time: nothing is acknowledged and the client is told to retry.</summary>
public sealed class BrokerUnavailableException(string message, Exception innerException) : Exception(message, innerException);
