using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Ingestion;

/// <summary>
/// The ingestion response's serializer (<see cref="MultiStatusResult"/>), generated at build time with the API's web
/// defaults (camelCase names, the default encoder): code that writes each entry directly, no converters.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(IngestionResponse))]
internal sealed partial class IngestionJsonContext : JsonSerializerContext;
