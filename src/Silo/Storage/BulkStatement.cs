using System.Collections.Concurrent;
using System.Text;

namespace Lantern.Silo.Storage;

/// <summary>
/// The SQL text and parameter types of one bulk statement shape (table, columns, conflict key, returning), built once and
/// reused by every commit of that shape. A commit's statements differ only in their values: building the text anew each
/// time was a sixth of what the node allocated per commit when commits are small (SDK-sized requests; round 14).
/// </summary>
internal sealed class BulkStatement
{
    private static readonly ConcurrentDictionary<int, BulkStatement> Built = new();

    private readonly string _table;
    private readonly string? _conflictKey;
    private readonly string? _returning;
    private readonly BulkColumn[] _columns;

    private BulkStatement(string table, string? conflictKey, string? returning, IReadOnlyList<BulkColumn> columns)
    {
        (_table, _conflictKey, _returning) = (table, conflictKey, returning);
        // Only the definitions are kept: the values of the commit that built it must not live on.
        _columns = [.. columns.Select(c => c with { Values = Array.Empty<object>() })];
        Sql = BuildSql();
        ParameterTypes = [.. columns.Select(c => c.ArrayType.Replace("timestamptz", "timestamp with time zone", StringComparison.Ordinal))];
    }

    public string Sql { get; }

    /// <summary>Npgsql's name of each column's array parameter type.</summary>
    public string[] ParameterTypes { get; }

    /// <summary>The statement for this shape: the one built before, or a new one (kept unless another shape has its hash).</summary>
    public static BulkStatement For(string table, string? conflictKey, string? returning, IReadOnlyList<BulkColumn> columns)
    {
        var hash = Hash(table, conflictKey, returning, columns);
        if (Built.TryGetValue(hash, out var statement) && statement.Matches(table, conflictKey, returning, columns))
        {
            return statement;
        }

        statement = new BulkStatement(table, conflictKey, returning, columns);
        Built.TryAdd(hash, statement);
        return statement;
    }

    private static int Hash(string table, string? conflictKey, string? returning, IReadOnlyList<BulkColumn> columns)
    {
        var hash = new HashCode();
        hash.Add(table);
        hash.Add(conflictKey);
        hash.Add(returning);
        foreach (var column in columns)
        {
            hash.Add(column.Name);
            hash.Add(column.ArrayType);
            hash.Add(column.Cast);
            hash.Add(column.OnConflict);
        }

        return hash.ToHashCode();
    }

    private bool Matches(string table, string? conflictKey, string? returning, IReadOnlyList<BulkColumn> columns)
    {
        if (_table != table || _conflictKey != conflictKey || _returning != returning || _columns.Length != columns.Count)
        {
            return false;
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            var (mine, theirs) = (_columns[i], columns[i]);
            if (mine.Name != theirs.Name || mine.ArrayType != theirs.ArrayType || mine.Cast != theirs.Cast || mine.OnConflict != theirs.OnConflict)
            {
                return false;
            }
        }

        return true;
    }

    private string BuildSql()
    {
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(_table).Append(" AS t (").AppendJoin(", ", _columns.Select(c => c.Name)).Append(") SELECT ");
        sql.AppendJoin(", ", _columns.Select(c => c.Cast is null ? $"u.{c.Name}" : $"u.{c.Name}::{c.Cast}"));
        sql.Append(" FROM unnest(").AppendJoin(", ", _columns.Select((c, i) => $"${i + 1}::{c.ArrayType}"));
        sql.Append(") AS u (").AppendJoin(", ", _columns.Select(c => c.Name)).Append(')');
        if (_conflictKey is not null)
        {
            var keyColumns = _conflictKey.Split(", ");
            sql.Append(" ON CONFLICT (").Append(_conflictKey).Append(") DO UPDATE SET ");
            sql.AppendJoin(", ", _columns
                .Where(c => c.OnConflict != "" && !keyColumns.Contains(c.Name))
                .Select(c => $"{c.Name} = {c.OnConflict ?? $"excluded.{c.Name}"}"));
        }

        if (_returning is not null)
        {
            sql.Append(" RETURNING ").Append(_returning);
        }

        return sql.ToString();
    }
}
