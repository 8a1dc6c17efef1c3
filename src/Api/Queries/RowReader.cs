using System.Text.Json;
using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries;

/// <summary>Typed reads of nullable columns by name.</summary>
public static class RowReader
{
    public static string? Text(this NpgsqlDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : reader.GetString(i);
    }

    public static JsonElement? Json(this NpgsqlDataReader reader, string column) =>
        reader.Text(column) is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null;

    /// <summary>A payload column (input, output, metadata) of a row that has <c>project_id</c> and <c>id</c>, decrypted when it was encrypted.</summary>
    public static JsonElement? Payload(this NpgsqlDataReader reader, PayloadCipher cipher, string table, string column) =>
        cipher.Decrypt(reader.Text(column), new PayloadField(table, reader.GetString(reader.GetOrdinal("project_id")), reader.GetString(reader.GetOrdinal("id")), column))
            is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null;

    public static DateTimeOffset? Time(this NpgsqlDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc));
    }

    public static decimal? Decimal(this NpgsqlDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : reader.GetDecimal(i);
    }

    public static T? Value<T>(this NpgsqlDataReader reader, string column) where T : struct
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : reader.GetFieldValue<T>(i);
    }
}
