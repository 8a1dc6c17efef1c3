using System.Text;
using Npgsql;

namespace Lantern.Api.Queries;

/// <summary>Builds a parameterised WHERE clause: every value travels as a parameter, never as SQL text.</summary>
public sealed class SqlWhere
{
    private readonly StringBuilder _sql = new();

    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>The clause, starting with <c>WHERE</c> (the project condition is always first).</summary>
    public string Clause => _sql.ToString();

    public SqlWhere(string projectColumn, string projectId)
    {
        ProjectId = projectId;
        Add($"{projectColumn} = {{0}}", projectId);
    }

    public string ProjectId { get; }

    /// <summary>Whether the clause is the project condition alone (no filter), so counts can come from rollups.</summary>
    public bool IsProjectOnly => Parameters.Count == 1 && !_sql.ToString().Contains(" AND ", StringComparison.Ordinal);

    /// <summary>Adds a condition; <c>{0}</c> in <paramref name="condition"/> stands for the parameter holding <paramref name="value"/>.</summary>
    public SqlWhere Add(string condition, object value)
    {
        Parameters.Add(new NpgsqlParameter { Value = value });
        _sql.Append(_sql.Length == 0 ? "WHERE " : " AND ").Append(condition.Replace("{0}", $"${Parameters.Count}", StringComparison.Ordinal));
        return this;
    }

    /// <summary>Adds a condition without a value.</summary>
    public SqlWhere Require(string condition)
    {
        _sql.Append(_sql.Length == 0 ? "WHERE " : " AND ").Append(condition);
        return this;
    }

    /// <summary>Adds the condition only when <paramref name="value"/> is present.</summary>
    public SqlWhere AddIf(string condition, object? value) => value is null or "" ? this : Add(condition, value);

    /// <summary>Adds a parameter for use outside the clause (LIMIT, OFFSET) and returns its placeholder.</summary>
    public string Parameter(object value)
    {
        Parameters.Add(new NpgsqlParameter { Value = value });
        return $"${Parameters.Count}";
    }

    public NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }
}
