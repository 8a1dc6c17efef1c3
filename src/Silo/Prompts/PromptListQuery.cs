using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Prompts;

/// <summary>Lists prompt names of a project with SQL over <c>prompts</c> (the grains hold one name each).</summary>
public sealed class PromptListQuery(NpgsqlDataSource dataSource)
{
    private const string Matching = """
        WITH matching AS (
            SELECT * FROM prompts
            WHERE project_id = $1
              AND ($2::text IS NULL OR name = $2)
              AND ($3::text IS NULL OR $3 = ANY(labels))
              AND ($4::text IS NULL OR $4 = ANY(tags))
              AND ($5::timestamptz IS NULL OR updated_at >= $5)
              AND ($6::timestamptz IS NULL OR updated_at < $6))
        """;

    public async Task<(IReadOnlyList<PromptSummary> Page, long Total)> ListAsync(
        string projectId, PromptListFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var page = new NpgsqlBatchCommand(Matching + """
            SELECT name,
                   (array_agg(type ORDER BY version DESC))[1],
                   array_agg(version ORDER BY version),
                   ARRAY(SELECT DISTINCT l FROM matching m2, unnest(m2.labels) l WHERE m2.name = m.name ORDER BY l),
                   (SELECT m3.tags FROM matching m3 WHERE m3.name = m.name ORDER BY m3.version DESC LIMIT 1),
                   max(updated_at),
                   (array_agg(config::text ORDER BY version DESC))[1]
            FROM matching m GROUP BY name ORDER BY name LIMIT $7 OFFSET $8
            """);
        AddFilter(page, projectId, filter);
        page.Parameters.Add(new() { Value = limit });
        page.Parameters.Add(new() { Value = offset });
        var count = new NpgsqlBatchCommand(Matching + "SELECT count(DISTINCT name) FROM matching");
        AddFilter(count, projectId, filter);
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(count);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var prompts = new List<PromptSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            prompts.Add(new PromptSummary(
                reader.GetString(0), reader.GetString(1), reader.GetFieldValue<int[]>(2), reader.GetFieldValue<string[]>(3),
                reader.GetFieldValue<string[]>(4), PromptRows.Utc(reader, 5), reader.GetString(6)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (prompts, reader.GetInt64(0));
    }

    private static void AddFilter(NpgsqlBatchCommand command, string projectId, PromptListFilter filter)
    {
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = (object?)filter.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)filter.Label ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)filter.Tag ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)filter.FromUpdatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)filter.ToUpdatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
