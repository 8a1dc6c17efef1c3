using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Deploy;

/// <summary>
/// Validates rendered manifests with the npm packages kubernetes-models (Kubernetes' OpenAPI schemas) and
/// @kubernetes-models/prometheus-operator (the CRD schemas), through scripts/validate-manifests.mjs, which also
/// rejects fields the schemas do not declare.
/// </summary>
public static class ManifestValidator
{
    private static readonly string[] Packages = ["kubernetes-models@5.1.0", "@kubernetes-models/prometheus-operator@6.0.0", "yaml@2.9.1"];

    /// <summary>The parsed objects of <paramref name="yaml"/> and what the schemas reject, as "Kind/name: problem" lines.</summary>
    public static async Task<(JsonObject[] Objects, string[] Rejections)> ValidateAsync(string yaml)
    {
        var packages = await NodePackages.InstallAsync(Packages);
        var dir = Directory.CreateTempSubdirectory("lantern-manifests-");
        try
        {
            var manifests = Path.Combine(dir.FullName, "manifests.yaml");
            var report = Path.Combine(dir.FullName, "report.json");
            await File.WriteAllTextAsync(manifests, yaml);
            await NodePackages.RunScriptAsync(packages, "Deploy", "validate-manifests.mjs", new Dictionary<string, string>
            {
                ["LANTERN_MANIFESTS"] = manifests,
                ["LANTERN_VALIDATION_OUT"] = report,
            });
            var result = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
            var objects = result["objects"]!.AsArray().Select(o => o!.AsObject()).ToArray();
            var rejections = result["results"]!.AsArray()
                .SelectMany(r => r!["errors"]!.AsArray().Select(e => $"{(string)r["name"]!}: {(string)e!}"))
                .ToArray();
            return (objects, rejections);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
