namespace Lantern.Silo.Encryption;

/// <summary>A table whose payload columns are encrypted, keyed by <c>(project_id, id)</c>.</summary>
public sealed record PayloadTable(string Name, IReadOnlyList<string> Columns)
{
    public static readonly IReadOnlyList<PayloadTable> All =
    [
        new("traces", ["input", "output", "metadata"]),
        new("observations", ["input", "output", "metadata"]),
        new("scores", ["metadata"]),
        new("dataset_items", ["input", "expected_output", "metadata"]),
    ];
}
