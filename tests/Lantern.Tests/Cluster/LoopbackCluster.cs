using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

/// <summary>What the multi-process tests share: how a node of a loopback cluster is configured, and waiting for its leases.</summary>
internal static class LoopbackCluster
{
    /// <summary>The environment of one node of the loopback cluster named <paramref name="cluster"/>.</summary>
    public static Dictionary<string, string> Environment(string database, RabbitMqBroker broker, string cluster, string role, string siloId, int partitions) => new()
    {
        ["LANTERN_DATABASE_URL"] = database,
        ["LANTERN_SALT"] = "test-salt-0123456789abcdef",
        ["LANGFUSE_INIT_ORG_ID"] = "test-org",
        ["LANGFUSE_INIT_PROJECT_ID"] = LanternApp.ProjectId,
        ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = LanternApp.PublicKey,
        ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = LanternApp.SecretKey,
        ["LANTERN_EVALUATORS"] = "off",
        ["LANTERN_RABBITMQ_URL"] = broker.Url,
        // The broker is shared by the collection: a cluster name of its own keeps a test from consuming another's messages.
        ["LANTERN_CLUSTER_NAME"] = cluster,
        ["LANTERN_ROLE"] = role,
        ["LANTERN_SILO_ID"] = siloId,
        ["LANTERN_PARTITIONS"] = $"{partitions}",
        // Short enough for a quick failover, long enough that a silo starved of CPU by the rest of the suite (GC, thread
        // pool) does not miss its heartbeats and lose its leases, which would turn one crash into churn.
        ["LANTERN_CLUSTER_HEARTBEAT_SECONDS"] = "1",
        ["LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS"] = "8",
        ["LANTERN_BROKER_SEND_TIMEOUT_SECONDS"] = "2",
    };

    /// <summary>Waits until <paramref name="owners"/> silos hold all <paramref name="partitions"/> partitions between them.</summary>
    public static async Task OwnersAsync(string database, int owners, int partitions, string what)
    {
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                var rows = await Sql.RowsAsync(database, "SELECT count(DISTINCT owner) AS owners, count(owner) AS held FROM partition_leases");
                return rows.Count == 1 && (long)rows[0]["owners"]! == owners && (long)rows[0]["held"]! == partitions;
            }, what, TimeSpan.FromSeconds(120));
        }
        catch (Exception timeout) when (timeout is not OutOfMemoryException)
        {
            // Say who held what at the end, so a failure in CI can be told apart: churn, a silo that never joined, a stuck one.
            var leases = await Sql.RowsAsync(database, "SELECT coalesce(owner, '(free)') AS owner, count(*) AS n FROM partition_leases GROUP BY 1 ORDER BY 1");
            var silos = await Sql.RowsAsync(database, "SELECT silo_id, now() - heartbeat_at AS age FROM cluster_silos ORDER BY 1");
            throw new InvalidOperationException(
                $"{timeout.Message} Leases: {string.Join(", ", leases.Select(l => $"{l["owner"]}={l["n"]}"))}; " +
                $"silos: {string.Join(", ", silos.Select(s => $"{s["silo_id"]} (heartbeat {s["age"]} ago)"))}", timeout);
        }
    }
}
