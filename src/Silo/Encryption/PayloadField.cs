using System.Text;

namespace Lantern.Silo.Encryption;

/// <summary>
/// Where a payload value lives: table, project, row id and column. Bound into its encryption as associated data, so an
/// envelope copied to another row, column or project fails authentication instead of showing someone else's data.
/// </summary>
public readonly record struct PayloadField(string Table, string ProjectId, string RowId, string Column)
{
    public byte[] AssociatedData() => Encoding.UTF8.GetBytes($"lantern-payload\n{Table}\n{ProjectId}\n{RowId}\n{Column}");

    public override string ToString() => $"{Column} of {Table} row {RowId} in project {ProjectId}";
}
