namespace Lantern.Grains.Pricing;

/// <summary>
/// Keeps cached input tokens from being priced twice (Langfuse issues #5568 and #10592). Usage keys are exclusive
/// buckets, each priced on its own, so <c>input</c> must count only uncached tokens. Some integrations forward OpenAI's
/// counts unchanged instead: <c>input</c> = all prompt tokens, the cached part again as <c>input_cached_tokens</c>, and
/// <c>total</c> = <c>input</c> + output. That total gives it away (with exclusive buckets it would include the cached
/// tokens too); then the cache buckets are taken out of <c>input</c>.
/// </summary>
/// <remarks>
/// Only Langfuse's own cache keys count here. Anthropic's native names (<c>cache_read_input_tokens</c>,
/// <c>cache_creation_input_tokens</c>) come with Anthropic's <c>input_tokens</c>, which already excludes the cache, so a
/// client's total that leaves them out is not evidence of an inclusive <c>input</c>.
/// </remarks>
internal static class CacheSplit
{
    private static readonly string[] CacheReadKeys = ["input_cached_tokens", "input_cache_read"];

    public static void ExcludeCachedFromInput(Dictionary<string, long> usage)
    {
        if (!usage.TryGetValue("input", out var input) || !usage.TryGetValue("total", out var total))
        {
            return;
        }

        // input_cached_tokens and input_cache_read are aliases of one bucket; cache creation may come split by lifetime.
        var write = Math.Max(usage.GetValueOrDefault("input_cache_creation"),
            usage.GetValueOrDefault("input_cache_creation_5m") + usage.GetValueOrDefault("input_cache_creation_1h"));
        var cached = CacheReadKeys.Max(k => usage.GetValueOrDefault(k)) + write;
        var output = usage.GetValueOrDefault("output");
        var allOutput = usage.Where(u => u.Key.StartsWith("output", StringComparison.Ordinal)).Sum(u => u.Value);
        if (cached > 0 && input >= cached && (total == input + output || total == input + allOutput))
        {
            usage["input"] = input - cached;
        }
    }
}
