namespace Lantern.Grains.Pricing;

/// <summary>
/// Keeps cached input tokens from being priced twice (Langfuse issues #5568 and #10592). Usage keys are exclusive
/// buckets, each priced on its own, so <c>input</c> must count only uncached tokens. Some integrations send provider
/// counts unchanged instead: <c>input</c> = all prompt tokens, with the cached part again under a cache key. That is
/// recognisable when the client's <c>total</c> equals <c>input</c> plus output, i.e. the cache tokens are not counted
/// beside <c>input</c>; then the cache buckets are taken out of <c>input</c>.
/// </summary>
internal static class CacheSplit
{
    private static readonly string[] CacheReadKeys = ["input_cached_tokens", "input_cache_read", "cache_read_input_tokens"];
    private static readonly string[] CacheWriteKeys = ["input_cache_creation", "cache_creation_input_tokens"];

    public static void ExcludeCachedFromInput(Dictionary<string, long> usage)
    {
        if (!usage.TryGetValue("input", out var input) || !usage.TryGetValue("total", out var total))
        {
            return;
        }

        // Aliases name one bucket: the largest alias is its count.
        var write = Math.Max(Max(usage, CacheWriteKeys), usage.GetValueOrDefault("input_cache_creation_5m") + usage.GetValueOrDefault("input_cache_creation_1h"));
        var cached = Max(usage, CacheReadKeys) + write;
        var output = usage.GetValueOrDefault("output");
        var allOutput = usage.Where(u => u.Key.StartsWith("output", StringComparison.Ordinal)).Sum(u => u.Value);
        if (cached > 0 && input >= cached && (total == input + output || total == input + allOutput))
        {
            usage["input"] = input - cached;
        }
    }

    private static long Max(Dictionary<string, long> usage, string[] keys) => keys.Max(k => usage.GetValueOrDefault(k));
}
