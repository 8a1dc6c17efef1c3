using System.Text;
using System.Text.Json.Nodes;

namespace Lantern.Tests.Evaluators;

/// <summary>Guard API request helpers.</summary>
public static class Guard
{
    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
