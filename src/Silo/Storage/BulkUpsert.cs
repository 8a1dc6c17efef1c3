using System.Text;
using Npgsql;

namespace Lantern.Silo.Storage;

/// <summary>
/// Builds <c>INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE</c>: thousands of rows in one statement with one
/// parameter per column, which is what makes group commit cheap. Column names are constants of ours, never input.
/// </summary>
public static class BulkUpsert
{
    public static NpgsqlBatchCommand Command(string table, string conflictKey, IReadOnlyList<BulkColumn> columns, string? returning = null)
    {
        var sql = Insert(table, columns);
        sql.Append(" ON CONFLICT (").Append(conflictKey).Append(") DO UPDATE SET ");
        sql.AppendJoin(", ", columns
            .Where(c => c.OnConflict != "" && !conflictKey.Split(", ").Contains(c.Name))
            .Select(c => $"{c.Name} = {c.OnConflict ?? $"excluded.{c.Name}"}"));
        if (returning is not null)
        {
            sql.Append(" RETURNING ").Append(returning);
        }

        return WithParameters(sql, columns);
    }

    /// <summary>
    /// The same rows as a plain <c>INSERT</c>, for rows known to be new: no conflict probe per row, and a row that exists
    /// after all fails the statement with a unique violation.
    /// </summary>
    public static NpgsqlBatchCommand InsertCommand(string table, IReadOnlyList<BulkColumn> columns) => WithParameters(Insert(table, columns), columns);

    private static StringBuilder Insert(string table, IReadOnlyList<BulkColumn> columns)
    {
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(table).Append(" AS t (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") SELECT ");
        sql.AppendJoin(", ", columns.Select(c => c.Cast is null ? $"u.{c.Name}" : $"u.{c.Name}::{c.Cast}"));
        sql.Append(" FROM unnest(").AppendJoin(", ", columns.Select((c, i) => $"${i + 1}::{c.ArrayType}"));
        sql.Append(") AS u (").AppendJoin(", ", columns.Select(c => c.Name)).Append(')');
        return sql;
    }

    private static NpgsqlBatchCommand WithParameters(StringBuilder sql, IReadOnlyList<BulkColumn> columns)
    {
        var command = new NpgsqlBatchCommand(sql.ToString());
        foreach (var column in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Parameter(column.Values), DataTypeName = DataTypeName(column.ArrayType) });
        }

        return command;
    }

    private static string DataTypeName(string type) => type.Replace("timestamptz", "timestamp with time zone", StringComparison.Ordinal);

    // unnest cannot take an array of arrays: a column of arrays goes as array literals, cast back per element (Cast text[]).
    private static Array Parameter(Array values) =>
        values is IReadOnlyList<string>[] arrays ? arrays.Select(ArrayLiteral).ToArray() : values;

    private static string ArrayLiteral(IReadOnlyList<string> values) =>
        "{" + string.Join(",", values.Select(v => "\"" + v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}";
}
