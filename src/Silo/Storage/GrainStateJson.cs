using System.Text.Json;

namespace Lantern.Silo.Storage;

/// <summary>How grain state is serialized in storage: web defaults (camelCase), so rows are readable from SQL.</summary>
internal static class GrainStateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
