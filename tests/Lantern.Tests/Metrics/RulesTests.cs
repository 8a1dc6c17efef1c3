using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Metrics;

public sealed class RulesTests
{
    private static readonly string PrometheusDir = Path.Combine(RepositoryRoot.Path, "deploy", "prometheus");

    [Fact]
    public async Task The_rules_file_passes_promtool_check_rules()
    {
        var (exitCode, output) = await PromTool.RunAsync(["check", "rules", Path.Combine(PrometheusDir, "lantern-rules.yml")]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cost.yml")]
    [InlineData("operations.yml")]
    public async Task Every_alert_fires_on_its_synthetic_incident_and_stays_quiet_on_normal_traffic(string testFile)
    {
        var (exitCode, output) = await PromTool.RunAsync(["test", "rules", Path.Combine("tests", testFile)], workingDirectory: PrometheusDir);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kubernetes_prometheus_rule_carries_exactly_the_groups_of_the_rules_file()
    {
        var rules = File.ReadAllLines(Path.Combine(PrometheusDir, "lantern-rules.yml")).SkipWhile(l => l.StartsWith('#'));
        var expected = string.Join('\n', rules.Select(l => l.Length == 0 ? "" : "  " + l));
        var k8s = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "k8s", "base", "prometheusrule.yaml"));

        Assert.Contains("kind: PrometheusRule\n", k8s, StringComparison.Ordinal);
        var spec = k8s[(k8s.IndexOf("\nspec:\n", StringComparison.Ordinal) + "\nspec:\n".Length)..];
        Assert.True(expected.TrimEnd() == spec.TrimEnd(), "deploy/k8s/base/prometheusrule.yaml is stale: run scripts/prometheus-rule.sh.");
    }
}
