using Npgsql;

namespace Lantern.Silo.Storage;

/// <summary>
/// Builds <c>INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE</c>: thousands of rows in one statement with one
/// parameter per column, which is what makes group commit cheap. Column names are constants of ours, never input.
/// </summary>
public static class BulkUpsert
{
    public static NpgsqlBatchCommand Command(string table, string conflictKey, IReadOnlyList<BulkColumn> columns, string? returning = null) =>
        WithParameters(BulkStatement.For(table, conflictKey, returning, columns), columns);

    /// <summary>
    /// The same rows as a plain <c>INSERT</c>, for rows known to be new: no conflict probe per row, and a row that exists
    /// after all fails the statement with a unique violation.
    /// </summary>
    public static NpgsqlBatchCommand InsertCommand(string table, IReadOnlyList<BulkColumn> columns) =>
        WithParameters(BulkStatement.For(table, null, null, columns), columns);

    private static NpgsqlBatchCommand WithParameters(BulkStatement statement, IReadOnlyList<BulkColumn> columns)
    {
        var command = new NpgsqlBatchCommand(statement.Sql);
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Parameter(columns[i].Values), DataTypeName = statement.ParameterTypes[i] });
        }

        return command;
    }

    // unnest cannot take an array of arrays: a column of arrays goes as array literals, cast back per element (Cast text[]).
    private static Array Parameter(Array values) =>
        values is IReadOnlyList<string>[] arrays ? arrays.Select(ArrayLiteral).ToArray() : values;

    private static string ArrayLiteral(IReadOnlyList<string> values) =>
        "{" + string.Join(",", values.Select(v => "\"" + v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}";
}
