using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Storage;

/// <summary>
/// Writes rows known to be new with binary <c>COPY</c>, from the same columns a <see cref="BulkUpsert"/> takes: no conflict
/// probe, no parameter arrays to unpack. A row that exists after all fails the whole <c>COPY</c> with a unique violation.
/// </summary>
public static class BulkInsert
{
    public static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<BulkColumn> columns, int rows)
    {
        var cells = columns.Select(CellWriter).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
        for (var row = 0; row < rows; row++)
        {
            await importer.StartRowAsync();
            foreach (var cell in cells)
            {
                await cell(importer, row);
            }
        }

        await importer.CompleteAsync();
    }

    // One typed writer per column: a boxed value would make Npgsql resolve its converter again for every cell.
    private static Func<NpgsqlBinaryImporter, int, Task> CellWriter(BulkColumn column)
    {
        var type = CopyType(column.Cast ?? column.ArrayType[..^"[]".Length]);
        return column.Values switch
        {
            string?[] v => (importer, row) => v[row] is { } value ? importer.WriteAsync(value, type) : importer.WriteNullAsync(),
            IReadOnlyList<string>[] v => (importer, row) => importer.WriteAsync(v[row] as string[] ?? [.. v[row]], type),
            DateTime[] v => (importer, row) => importer.WriteAsync(v[row], type),
            DateTime?[] v => (importer, row) => v[row] is { } value ? importer.WriteAsync(value, type) : importer.WriteNullAsync(),
            decimal[] v => (importer, row) => importer.WriteAsync(v[row], type),
            decimal?[] v => (importer, row) => v[row] is { } value ? importer.WriteAsync(value, type) : importer.WriteNullAsync(),
            double[] v => (importer, row) => importer.WriteAsync(v[row], type),
            double?[] v => (importer, row) => v[row] is { } value ? importer.WriteAsync(value, type) : importer.WriteNullAsync(),
            int[] v => (importer, row) => importer.WriteAsync(v[row], type),
            int?[] v => (importer, row) => v[row] is { } value ? importer.WriteAsync(value, type) : importer.WriteNullAsync(),
            long[] v => (importer, row) => importer.WriteAsync(v[row], type),
            bool[] v => (importer, row) => importer.WriteAsync(v[row], type),
            _ => throw new NotSupportedException($"No COPY writer for {column.Values.GetType()} ({column.Name})"),
        };
    }

    // The stored column's type: the element cast when the upsert casts (jsonb sent as text), else the array's element type.
    private static NpgsqlDbType CopyType(string type) => type switch
    {
        "text" => NpgsqlDbType.Text,
        "jsonb" => NpgsqlDbType.Jsonb,
        "text[]" => NpgsqlDbType.Array | NpgsqlDbType.Text,
        "timestamptz" => NpgsqlDbType.TimestampTz,
        "numeric" => NpgsqlDbType.Numeric,
        "float8" => NpgsqlDbType.Double,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "boolean" => NpgsqlDbType.Boolean,
        _ => throw new NotSupportedException($"No COPY type for {type}"),
    };
}
