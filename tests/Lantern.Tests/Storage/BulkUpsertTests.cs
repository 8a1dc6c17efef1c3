using Lantern.Silo.Storage;

namespace Lantern.Tests.Storage;

/// <summary>
/// Bulk statements are built once per shape and reused by every commit: a commit must still get exactly its own shape's
/// text, or a rollup would be summed with another column's expression.
/// </summary>
public sealed class BulkUpsertTests
{
    [Fact]
    public void Commits_of_one_shape_share_its_text_and_every_other_shape_gets_its_own()
    {
        var first = BulkUpsert.Command("rollups", "id", Columns([1L, 2L], "t.n + excluded.n"));
        var again = BulkUpsert.Command("rollups", "id", Columns([3L], "t.n + excluded.n"));
        var otherMerge = BulkUpsert.Command("rollups", "id", Columns([4L], "greatest(t.n, excluded.n)"));
        var plainInsert = BulkUpsert.InsertCommand("rollups", Columns([5L], "t.n + excluded.n"));

        Assert.Same(first.CommandText, again.CommandText);
        Assert.Equal(
            "INSERT INTO rollups AS t (id, n) SELECT u.id, u.n FROM unnest($1::text[], $2::bigint[]) AS u (id, n) ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n",
            first.CommandText);
        Assert.EndsWith("DO UPDATE SET n = greatest(t.n, excluded.n)", otherMerge.CommandText, StringComparison.Ordinal);
        Assert.DoesNotContain("ON CONFLICT", plainInsert.CommandText, StringComparison.Ordinal);
        // The values are the commit's own.
        Assert.Equal(new[] { 3L }, again.Parameters[1].Value);
    }

    private static BulkColumn[] Columns(long[] values, string merge) =>
    [
        new("id", "text[]", values.Select(v => $"row-{v}").ToArray()),
        new("n", "bigint[]", values, OnConflict: merge),
    ];
}
