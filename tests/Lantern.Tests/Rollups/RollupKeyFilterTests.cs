using Lantern.Grains.Rollups;
using Lantern.Silo.Rollups;

namespace Lantern.Tests.Rollups;

/// <summary>
/// The key filter may take an unknown key for one with rows (a read from PostgreSQL), but never a key with rows for an
/// unknown one (a read answered "not found" for a user who exists).
/// </summary>
public sealed class RollupKeyFilterTests
{
    [Fact]
    public void Every_added_key_may_have_rows_and_nearly_every_other_key_has_none()
    {
        var filter = new RollupKeyFilter();
        filter.MarkComplete();
        var added = Keys("user-", 200_000).ToList();
        added.ForEach(k => filter.Add(k));

        Assert.All(added, k => Assert.False(filter.HasNoRows(k)));
        var takenForStored = Keys("other-user-", 200_000).Count(k => !filter.HasNoRows(k));
        Assert.True(takenForStored < 20, $"{takenForStored} of 200,000 unknown keys were taken for stored ones");
    }

    [Fact]
    public void Adding_says_whether_the_key_was_there_before()
    {
        var filter = new RollupKeyFilter();

        Assert.True(filter.Add(new RollupScopeKey("project-1", RollupScope.User, "user-1")));
        Assert.False(filter.Add(new RollupScopeKey("project-1", RollupScope.User, "user-1")));
        Assert.True(filter.Add(new RollupScopeKey("project-1", RollupScope.Session, "user-1")));
        Assert.True(filter.Add(new RollupScopeKey("project-2", RollupScope.User, "user-1")));
    }

    [Fact]
    public void Until_it_is_complete_the_filter_says_no_key_has_no_rows()
    {
        var filter = new RollupKeyFilter();

        Assert.False(filter.HasNoRows(new RollupScopeKey("project-1", RollupScope.User, "nobody")));
    }

    private static IEnumerable<RollupScopeKey> Keys(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new RollupScopeKey("project-1", RollupScope.User, prefix + i));
}
