namespace Lantern.Tests.Deploy;

/// <summary>What `kubectl apply -k` would send is accepted by the API server's and the Prometheus Operator's schemas.</summary>
public sealed class ManifestSchemaTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_rendered_object_validates_against_the_kubernetes_and_prometheus_operator_schemas(string overlay)
    {
        var (manifests, rejections) = await Overlays.LoadAsync(overlay);

        Assert.True(rejections.Length == 0, $"overlays/{overlay}:\n{string.Join('\n', rejections)}");
        string[] expected =
        [
            "Namespace", "ConfigMap", "Deployment/lantern-api", "HorizontalPodAutoscaler/lantern-api", "Service/lantern-api",
            "PodDisruptionBudget/lantern-api", "StatefulSet/lantern-silo", "Service/lantern-silo", "PodDisruptionBudget/lantern-silo",
            "NetworkPolicy/lantern-api", "NetworkPolicy/lantern-silo", "ServiceMonitor/lantern", "PrometheusRule/lantern",
        ];
        var rendered = manifests.Objects.SelectMany(o => new[] { (string)o["kind"]!, $"{o["kind"]}/{RenderedManifests.Name(o)}" }).ToHashSet();
        Assert.Subset(rendered, expected.ToHashSet());
        Assert.Equal("autoscaling/v2", (string?)manifests.Get("HorizontalPodAutoscaler", "lantern-api")["apiVersion"]);
    }

    [Fact]
    public async Task The_validator_rejects_unknown_fields_wrong_types_and_unknown_kinds()
    {
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
              labels: {any-label: is-fine}
            spec:
              replicas: three
              replicaz: 3
              selector:
                matchLabels: {app: broken}
              template:
                metadata:
                  labels: {app: broken}
                spec:
                  containers:
                    - name: api
                      image: lantern
                      imagePullPolicyy: Always
                      resources:
                        limits: {memory: 1Gi}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: broken
            spec:
              selector: {}
              endpoints:
                - port: http
                  pathh: /metrics
                  interval: 30
            ---
            apiVersion: v1
            kind: Widget
            metadata:
              name: broken
            """;

        var (objects, rejections) = await ManifestValidator.ValidateAsync(broken);

        Assert.Equal(3, objects.Length);
        Assert.Equal(
        [
            "Deployment/broken: /spec/replicaz is not a field of this object",
            "Deployment/broken: /spec/template/spec/containers/0/imagePullPolicyy is not a field of this object",
            "Deployment/broken: data/spec/replicas must be integer",
            "ServiceMonitor/broken: /spec/endpoints/0/pathh is not a field of this object",
            "Widget/broken: no schema for apiVersion v1 kind Widget",
        ], rejections.Where(r => !r.Contains("interval", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(rejections, r => r.StartsWith("ServiceMonitor/broken: data/spec/endpoints/0/interval must be string", StringComparison.Ordinal));
    }
}
