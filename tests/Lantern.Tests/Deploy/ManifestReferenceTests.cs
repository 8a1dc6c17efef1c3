using System.Text.Json.Nodes;

namespace Lantern.Tests.Deploy;

/// <summary>Names that point at other objects resolve: a dangling selector or Secret key renders and validates fine
/// but leaves a Service without endpoints or a pod stuck in CreateContainerConfigError.</summary>
public sealed class ManifestReferenceTests
{
    // What the prod overlay expects in the Secret you create (README, "Deploy to Kubernetes").
    private static readonly string[] ProdSecretKeys =
        ["LANTERN_ADMIN_API_KEY", "LANTERN_DATABASE_URL", "LANTERN_ENCRYPTION_KEY", "LANTERN_RABBITMQ_URL", "LANTERN_SALT"];

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Services_autoscalers_budgets_monitors_and_policies_select_rendered_pods_and_ports(string overlay)
    {
        var (manifests, _) = await Overlays.LoadAsync(overlay);
        var pods = manifests.Workloads.Select(w => (Labels: w["spec"]!["template"]!["metadata"]!["labels"], Ports: PortNames(w))).ToArray();

        foreach (var service in manifests.OfKind("Service"))
        {
            var selected = pods.Where(p => RenderedManifests.Selects(service["spec"]!["selector"], p.Labels)).ToArray();
            Assert.True(selected.Length > 0, $"Service/{RenderedManifests.Name(service)} selects no pod");
            foreach (var port in service["spec"]!["ports"]!.AsArray().Select(p => (string)p!["targetPort"]!))
            {
                Assert.All(selected, p => Assert.Contains(port, p.Ports));
            }
        }

        foreach (var selector in manifests.OfKind("PodDisruptionBudget").Select(p => p["spec"]!["selector"])
                     .Concat(manifests.OfKind("NetworkPolicy").Select(p => p["spec"]!["podSelector"])))
        {
            Assert.Contains(pods, p => RenderedManifests.Selects(selector, p.Labels));
        }

        foreach (var workload in manifests.Workloads)
        {
            Assert.True(RenderedManifests.Selects(workload["spec"]!["selector"], workload["spec"]!["template"]!["metadata"]!["labels"]),
                $"{RenderedManifests.Name(workload)}'s selector does not match its own pods");
        }

        var target = manifests.Get("HorizontalPodAutoscaler", "lantern-api")["spec"]!["scaleTargetRef"]!;
        Assert.NotNull(manifests.Find((string)target["kind"]!, (string)target["name"]!));

        var monitor = manifests.Get("ServiceMonitor", "lantern")["spec"]!;
        var scraped = manifests.OfKind("Service").Where(s => RenderedManifests.Selects(monitor["selector"], s["metadata"]!["labels"])).ToArray();
        Assert.Equal(["lantern-api", "lantern-silo"], scraped.Select(RenderedManifests.Name).Order(StringComparer.Ordinal));
        var endpoint = Assert.Single(monitor["endpoints"]!.AsArray())!;
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        Assert.All(scraped, s => Assert.Contains(s["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == (string?)endpoint["port"]));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_config_map_and_secret_key_a_pod_reads_exists_except_the_secret_prod_leaves_to_you(string overlay)
    {
        var (manifests, _) = await Overlays.LoadAsync(overlay);

        var containers = manifests.Workloads.SelectMany(RenderedManifests.Containers).ToArray();
        foreach (var source in containers.SelectMany(c => c["envFrom"]?.AsArray() ?? []))
        {
            var (kind, name) = source!["configMapRef"] is { } cm ? ("ConfigMap", (string)cm["name"]!) : ("Secret", (string)source["secretRef"]!["name"]!);
            Assert.True(manifests.Find(kind, name) is not null, $"envFrom {kind}/{name} is not rendered");
        }

        var keyRefs = containers.SelectMany(c => c["env"]?.AsArray() ?? []).Select(e => e!["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>().ToArray();
        Assert.NotEmpty(keyRefs);
        foreach (var reference in keyRefs)
        {
            var (name, key) = ((string)reference["name"]!, (string)reference["key"]!);
            if (overlay == "prod" && name == "lantern-secrets")
            {
                Assert.Contains(key, ProdSecretKeys);
                continue;
            }

            var secret = manifests.Find("Secret", name);
            Assert.True(secret?["stringData"]?[key] is not null || secret?["data"]?[key] is not null, $"Secret {name} has no key {key}");
        }
    }

    [Fact]
    public async Task Prod_ships_no_example_secret_and_dev_points_lantern_at_its_own_database_and_broker()
    {
        var (prod, _) = await Overlays.LoadAsync("prod");
        var (dev, _) = await Overlays.LoadAsync("dev");

        Assert.Empty(prod.OfKind("Secret"));
        Assert.DoesNotContain(prod.OfKind("StatefulSet"), s => RenderedManifests.Name(s) != "lantern-silo");
        var secrets = dev.Get("Secret", "lantern-secrets")["stringData"]!;
        Assert.Contains($"@{RenderedManifests.Name(dev.Get("Service", "lantern-postgres"))}:5432/", (string)secrets["LANTERN_DATABASE_URL"]!, StringComparison.Ordinal);
        Assert.Contains($"@{RenderedManifests.Name(dev.Get("Service", "lantern-rabbitmq"))}:5672/", (string)secrets["LANTERN_RABBITMQ_URL"]!, StringComparison.Ordinal);
        var postgres = dev.Get("Secret", "lantern-postgres")["stringData"]!;
        Assert.Contains($"postgres://{postgres["POSTGRES_USER"]}:{postgres["POSTGRES_PASSWORD"]}@", (string)secrets["LANTERN_DATABASE_URL"]!, StringComparison.Ordinal);
        var rabbit = dev.Get("Secret", "lantern-rabbitmq")["stringData"]!;
        Assert.Contains($"amqp://{rabbit["RABBITMQ_DEFAULT_USER"]}:{rabbit["RABBITMQ_DEFAULT_PASS"]}@", (string)secrets["LANTERN_RABBITMQ_URL"]!, StringComparison.Ordinal);
        Assert.All(dev.OfKind("StatefulSet").Where(s => RenderedManifests.Name(s) != "lantern-silo"),
            s => Assert.NotEmpty(s["spec"]!["volumeClaimTemplates"]!.AsArray()));
    }

    private static string[] PortNames(JsonObject workload) =>
        RenderedManifests.Containers(workload).SelectMany(c => c["ports"]?.AsArray() ?? []).Select(p => (string)p!["name"]!).ToArray();
}
