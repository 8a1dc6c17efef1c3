namespace Lantern.Grains.Rollups;

/// <summary>What one trace adds to every rollup row it touches; the difference of two contributions is a delta.</summary>
public sealed class RollupContribution
{
    public Dictionary<RollupKey, RollupValues> Rows { get; } = [];

    public RollupValues For(RollupKey key)
    {
        if (!Rows.TryGetValue(key, out var values))
        {
            values = new RollupValues();
            Rows[key] = values;
        }

        return values;
    }

    /// <summary>The rows to add so that a store holding <paramref name="before"/> holds <paramref name="after"/> instead.</summary>
    public static Dictionary<RollupKey, RollupValues> Delta(RollupContribution before, RollupContribution after)
    {
        var delta = new Dictionary<RollupKey, RollupValues>();
        foreach (var (key, values) in after.Rows)
        {
            var change = values.Clone();
            if (before.Rows.TryGetValue(key, out var old))
            {
                change.Add(old, -1);
            }

            delta[key] = change;
        }

        foreach (var (key, old) in before.Rows.Where(r => !after.Rows.ContainsKey(r.Key)))
        {
            var change = new RollupValues();
            change.Add(old, -1);
            delta[key] = change;
        }

        return delta.Where(d => !d.Value.IsZero).ToDictionary();
    }
}
