using System.Text.Json.Nodes;

namespace Lantern.Tests.Deploy;

/// <summary>The objects an overlay renders to, with the lookups the deploy tests share.</summary>
public sealed class RenderedManifests(JsonObject[] objects)
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet", "Job"];

    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).FirstOrDefault(o => Name(o) == name);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"{kind}/{name} is not rendered.");

    public IEnumerable<JsonObject> Workloads => Objects.Where(o => WorkloadKinds.Contains((string?)o["kind"]));

    /// <summary>Workloads running Lantern itself (API or silo), as opposed to the dev overlay's PostgreSQL and RabbitMQ.</summary>
    public IEnumerable<JsonObject> LanternWorkloads => Workloads.Where(w => PodLabel(w, "app.kubernetes.io/name") == "lantern");

    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    public static JsonObject PodSpec(JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static string? PodLabel(JsonObject workload, string label) =>
        (string?)workload["spec"]?["template"]?["metadata"]?["labels"]?[label];

    public static IEnumerable<JsonObject> Containers(JsonObject workload)
    {
        var spec = PodSpec(workload);
        return new[] { spec["containers"], spec["initContainers"] }
            .Where(list => list is not null)
            .SelectMany(list => list!.AsArray().Select(c => c!.AsObject()));
    }

    /// <summary>Whether <paramref name="selector"/> (matchLabels or a plain label map) matches <paramref name="labels"/>.</summary>
    public static bool Selects(JsonNode? selector, JsonNode? labels)
    {
        var wanted = (selector?["matchLabels"] ?? selector)?.AsObject();
        return wanted is { Count: > 0 } && labels is JsonObject have &&
               wanted.All(kv => (string?)have[kv.Key] == (string?)kv.Value);
    }
}
