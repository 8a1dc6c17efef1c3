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
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(table).Append(" AS t (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") SELECT ");
        sql.AppendJoin(", ", columns.Select(c => c.Cast is null ? $"u.{c.Name}" : $"u.{c.Name}::{c.Cast}"));
        sql.Append(" FROM unnest(").AppendJoin(", ", columns.Select((c, i) => $"${i + 1}::{c.ArrayType}"));
        sql.Append(") AS u (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") ON CONFLICT (").Append(conflictKey).Append(") DO UPDATE SET ");
        sql.AppendJoin(", ", columns
            .Where(c => c.OnConflict != "" && !conflictKey.Split(", ").Contains(c.Name))
            .Select(c => $"{c.Name} = {c.OnConflict ?? $"excluded.{c.Name}"}"));
        if (returning is not null)
        {
            sql.Append(" RETURNING ").Append(returning);
        }

        var command = new NpgsqlBatchCommand(sql.ToString());
        foreach (var column in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = column.Values, DataTypeName = column.ArrayType.Replace("timestamptz", "timestamp with time zone", StringComparison.Ordinal) });
        }

        return command;
    }
}
