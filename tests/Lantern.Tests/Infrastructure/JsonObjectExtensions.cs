using System.Text.Json.Nodes;

namespace Lantern.Tests.Infrastructure;

/// <summary>Inline edits of test payloads.</summary>
public static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject json, Action<JsonObject> change)
    {
        change(json);
        return json;
    }
}
