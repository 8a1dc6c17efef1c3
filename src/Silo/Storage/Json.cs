using System.Text.Json;

namespace Lantern.Silo.Storage;

/// <summary>JSON for storage columns: web defaults, so stored documents read the same from SQL as from the API.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
