using System.Text.Json;
using Npgsql;

namespace Lantern.Silo.Datasets;

/// <summary>Column readers for the dataset rows (jsonb read as text, timestamps as UTC).</summary>
internal static class DbRead
{
    public static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static JsonElement? Json(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        using var document = JsonDocument.Parse(reader.GetString(ordinal));
        return document.RootElement.Clone();
    }

    public static DateTimeOffset Utc(NpgsqlDataReader reader, int ordinal) => new(reader.GetFieldValue<DateTime>(ordinal).ToUniversalTime());

    public static object Param(string? value) => (object?)value ?? DBNull.Value;
}
