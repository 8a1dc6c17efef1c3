using Lantern.Grains.Prompts;
using Npgsql;

namespace Lantern.Silo.Prompts;

/// <summary>The column list and row reader shared by the store and the list query.</summary>
internal static class PromptRows
{
    public const string Columns = "id, project_id, name, version, type, prompt::text, config::text, labels, tags, commit_message, created_at, updated_at";

    public static PromptVersion Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetFieldValue<string[]>(7),
        reader.GetFieldValue<string[]>(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        Utc(reader, 10),
        Utc(reader, 11));

    public static DateTimeOffset Utc(NpgsqlDataReader reader, int ordinal) =>
        new(reader.GetFieldValue<DateTime>(ordinal).ToUniversalTime());
}
