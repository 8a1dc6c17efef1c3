using System.Text.Json;
using Npgsql;

namespace Lantern.Silo.Datasets;

/// <summary>Column readers for the dataset rows (jsonb read as text, timestamps as UTC).</summary>
internal static class DbRead
{
    public static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static JsonElement? Json(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Json(reader.GetString(ordinal));

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static DateTimeOffset Utc(NpgsqlDataReader reader, int ordinal) => new(reader.GetFieldValue<DateTime>(ordinal).ToUniversalTime());

    public static object Param(string? value) => (object?)value ?? DBNull.Value;
}
