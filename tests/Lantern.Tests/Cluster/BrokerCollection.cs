namespace Lantern.Tests.Cluster;

/// <summary>The cluster tests that share one RabbitMQ broker; they run one after another, never in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ";
}
