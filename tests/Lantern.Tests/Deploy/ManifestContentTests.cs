using System.Text.Json.Nodes;

namespace Lantern.Tests.Deploy;

/// <summary>What an operator relies on once the manifests are applied: health-checked, bounded, locked-down pods
/// that read the settings they are given and shut down without losing work.</summary>
public sealed class ManifestContentTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_container_has_probes_resources_and_a_locked_down_security_context(string overlay)
    {
        var (manifests, _) = await Overlays.LoadAsync(overlay);

        var problems = new List<string>();
        foreach (var workload in manifests.Workloads)
        {
            var pod = RenderedManifests.PodSpec(workload);
            var podSecurity = pod["securityContext"];
            foreach (var container in RenderedManifests.Containers(workload))
            {
                var where = $"{workload["kind"]}/{RenderedManifests.Name(workload)} container {container["name"]}";
                var security = container["securityContext"];
                problems.AddRange(new (bool Ok, string Problem)[]
                {
                    (container["startupProbe"] is not null, "no startupProbe"),
                    (container["livenessProbe"] is not null, "no livenessProbe"),
                    (container["readinessProbe"] is not null, "no readinessProbe"),
                    (container["resources"]?["requests"]?["cpu"] is not null && container["resources"]?["requests"]?["memory"] is not null, "no cpu and memory requests"),
                    (container["resources"]?["limits"]?["memory"] is not null, "no memory limit"),
                    ((bool?)(security?["runAsNonRoot"] ?? podSecurity?["runAsNonRoot"]) == true, "not runAsNonRoot"),
                    ((bool?)security?["readOnlyRootFilesystem"] == true, "root filesystem writable"),
                    ((bool?)security?["allowPrivilegeEscalation"] == false, "privilege escalation allowed"),
                    (security?["capabilities"]?["drop"]?.AsArray().Any(c => (string?)c == "ALL") == true, "capabilities not dropped"),
                    ((string?)(security?["seccompProfile"] ?? podSecurity?["seccompProfile"])?["type"] == "RuntimeDefault", "no RuntimeDefault seccomp profile"),
                }.Where(c => !c.Ok).Select(c => $"{where}: {c.Problem}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(overlay == "dev" ? 4 : 2, manifests.Workloads.Count());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Lantern_pods_probe_the_health_endpoints_and_mount_an_empty_dir_for_tmp(string overlay)
    {
        var (manifests, _) = await Overlays.LoadAsync(overlay);

        foreach (var workload in manifests.LanternWorkloads)
        {
            var container = Assert.Single(RenderedManifests.Containers(workload));
            Assert.Equal("/health/startup", (string?)container["startupProbe"]!["httpGet"]?["path"]);
            Assert.Equal("/health/live", (string?)container["livenessProbe"]!["httpGet"]?["path"]);
            Assert.Equal("/health/ready", (string?)container["readinessProbe"]!["httpGet"]?["path"]);
            var tmp = Assert.Single(container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/tmp")!;
            var volume = Assert.Single(RenderedManifests.PodSpec(workload)["volumes"]!.AsArray(), v => (string?)v!["name"] == (string?)tmp["name"])!;
            Assert.NotNull(volume["emptyDir"]);
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_setting_given_to_lantern_is_one_lantern_reads(string overlay)
    {
        var (manifests, _) = await Overlays.LoadAsync(overlay);

        var unknown = SettingNames(manifests).Where(n => !LanternSettings.Known.Contains(n)).ToArray();

        Assert.True(unknown.Length == 0, $"Lantern reads none of: {string.Join(", ", unknown)}");
        Assert.Contains("LANTERN_DATABASE_URL", SettingNames(manifests));
        Assert.Contains("LANTERN_SALT", SettingNames(manifests));
        // The check above is only worth something if a misspelt setting fails it.
        Assert.DoesNotContain("LANTERN_DATABSE_URL", LanternSettings.Known);
        Assert.DoesNotContain("LANTERN_ROLES", LanternSettings.Known);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_api_and_the_silos_run_their_roles_and_silos_get_time_to_flush_and_hand_off(string overlay)
    {
        var (manifests, _) = await Overlays.LoadAsync(overlay);

        Assert.Equal("api", Env(manifests.Get("Deployment", "lantern-api"), "LANTERN_ROLE"));
        Assert.Equal("silo", Env(manifests.Get("StatefulSet", "lantern-silo"), "LANTERN_ROLE"));
        foreach (var workload in manifests.LanternWorkloads)
        {
            var container = Assert.Single(RenderedManifests.Containers(workload));
            var preStop = (int)container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!;
            var shutdown = int.Parse(Env(workload, "DOTNET_SHUTDOWNTIMEOUTSECONDS")!, System.Globalization.CultureInfo.InvariantCulture);
            var grace = (int)RenderedManifests.PodSpec(workload)["terminationGracePeriodSeconds"]!;
            // SIGKILL must not land before the preStop pause and the host's own shutdown budget are both over.
            Assert.True(grace >= preStop + shutdown + 10, $"{RenderedManifests.Name(workload)}: grace {grace}s < preStop {preStop}s + shutdown {shutdown}s + 10s");
        }

        var silo = manifests.Get("StatefulSet", "lantern-silo");
        Assert.True(int.Parse(Env(silo, "DOTNET_SHUTDOWNTIMEOUTSECONDS")!, System.Globalization.CultureInfo.InvariantCulture) >= 60);
        Assert.Equal(1, (int)manifests.Get("PodDisruptionBudget", "lantern-silo")["spec"]!["maxUnavailable"]!);
    }

    private static IEnumerable<string> SettingNames(RenderedManifests manifests) =>
        manifests.LanternWorkloads.SelectMany(RenderedManifests.Containers).SelectMany(container =>
            (container["env"]?.AsArray() ?? []).Select(e => (string)e!["name"]!)
            .Concat((container["envFrom"]?.AsArray() ?? []).SelectMany(source => FromSource(manifests, source!))));

    // envFrom turns every key of the ConfigMap or Secret into a variable.
    private static IEnumerable<string> FromSource(RenderedManifests manifests, JsonNode source)
    {
        var (kind, reference) = source["configMapRef"] is { } cm ? ("ConfigMap", cm) : ("Secret", source["secretRef"]!);
        var target = manifests.Find(kind, (string)reference["name"]!);
        return target is null ? [] : new[] { target["data"], target["stringData"] }.Where(d => d is not null).SelectMany(d => d!.AsObject().Select(kv => kv.Key));
    }

    private static string? Env(JsonObject workload, string name) =>
        (string?)RenderedManifests.Containers(workload).First()["env"]?.AsArray().FirstOrDefault(e => (string?)e!["name"] == name)?["value"];
}
