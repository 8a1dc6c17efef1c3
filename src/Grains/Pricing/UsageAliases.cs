namespace Lantern.Grains.Pricing;

/// <summary>
/// The price table lists one bucket under several names (Langfuse's, Anthropic's, OpenAI's), each with the same price,
/// because SDKs send different spellings. A client that sends two spellings of one bucket with the same count (a
/// "compatibility alias") would have those tokens priced and summed twice; the later spellings are dropped.
/// </summary>
internal static class UsageAliases
{
    private static readonly string[][] Groups =
    [
        ["input", "input_tokens"],
        ["output", "output_tokens"],
        ["input_cached_tokens", "input_cache_read", "cache_read_input_tokens"],
        ["input_cache_creation", "cache_creation_input_tokens"],
        ["output_reasoning_tokens", "output_reasoning", "reasoning_tokens"],
    ];

    public static void DropDuplicates(Dictionary<string, long> usage)
    {
        foreach (var group in Groups)
        {
            string? kept = null;
            foreach (var key in group)
            {
                if (!usage.TryGetValue(key, out var count))
                {
                    continue;
                }

                if (kept is null)
                {
                    kept = key;
                }
                else if (usage[kept] == count)
                {
                    usage.Remove(key);
                }
            }
        }
    }
}
