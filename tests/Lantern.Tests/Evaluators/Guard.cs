using System.Text;
using System.Text.Json.Nodes;

namespace Lantern.Tests.Evaluators;

/// <summary>Helpers for evaluator tests: the setting that turns evaluators on (LanternApp turns them off) and guard bodies.</summary>
public static class Guard
{
    public static readonly IReadOnlyDictionary<string, string?> On = new Dictionary<string, string?> { ["LANTERN_EVALUATORS"] = "on" };

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
