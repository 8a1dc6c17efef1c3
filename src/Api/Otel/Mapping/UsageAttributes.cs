using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>
/// Usage details of a span (reference §4.6): the explicit Langfuse attribute, else the GenAI conventions
/// (<c>gen_ai.usage.*</c>, <c>llm.token_count.*</c>, Vercel <c>ai.usage.*</c>) normalised to Langfuse's usage keys, with
/// cached, reasoning and audio tokens split out of input and output so that no token is priced twice.
/// </summary>
public static class UsageAttributes
{
    private static readonly string[] InputKeys = ["prompt_tokens", "input_tokens", "prompt", "promptTokens", "inputTokens"];
    private static readonly string[] OutputKeys = ["completion_tokens", "output_tokens", "completion", "completionTokens", "outputTokens"];
    private static readonly string[] TotalKeys = ["total_tokens", "total", "tokens", "totalTokens"];

    private static readonly string[] CacheReadKeys =
    [
        "cache_read.input_tokens", "cache_read_input_tokens", "cache_read_tokens", "details.cache_read_tokens",
        "prompt_details.cache_read", "prompt_tokens_details.cached_tokens", "input_tokens_details.cached_tokens", "cachedInputTokens",
    ];

    private static readonly string[] CacheWriteKeys =
    [
        "cache_creation.input_tokens", "cache_creation_input_tokens", "cache_write_tokens", "details.cache_write_tokens",
        "prompt_details.cache_write",
    ];

    private static readonly string[] ReasoningKeys =
    [
        "reasoning.output_tokens", "completion_details.reasoning", "reasoning_tokens", "details.reasoning_tokens",
        "completion_tokens_details.reasoning_tokens", "output_tokens_details.reasoning_tokens", "reasoningTokens",
    ];

    private static readonly string[] AudioKeys =
    [
        "audio.output_tokens", "completion_details.audio", "audio_tokens", "details.audio_tokens",
        "completion_tokens_details.audio_tokens",
    ];

    public static JsonObject? Usage(SpanContext span)
    {
        if (GenerationAttributes.IsAggregateAgentSpan(span))
        {
            return null;
        }

        var a = span.Attributes;
        if (JsonText.Object(a.Get("langfuse.observation.usage_details")) is { } explicitUsage)
        {
            // Passed on as sent: the ingestion pipeline normalises usage maps (OpenAI shapes, numeric strings) for both APIs.
            return explicitUsage.Count > 0 ? explicitUsage : null;
        }

        var raw = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var prefix in (string[])["gen_ai.usage.", "llm.token_count.", "ai.usage."])
        {
            foreach (var (key, value) in a.WithPrefix(prefix))
            {
                if (key != "cost" && JsonText.Number(value) is { } count and >= 0)
                {
                    raw.TryAdd(key, (long)count);
                }
            }
        }

        return raw.Count == 0 ? null : Normalise(raw);
    }

    private static JsonObject Normalise(Dictionary<string, long> raw)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        long? Take(string[] keys)
        {
            foreach (var key in keys)
            {
                if (raw.TryGetValue(key, out var value))
                {
                    used.UnionWith(keys.Where(raw.ContainsKey));
                    return value;
                }
            }

            return null;
        }

        var input = Take(InputKeys);
        var output = Take(OutputKeys);
        var total = Take(TotalKeys);
        var cacheRead = Take(CacheReadKeys);
        var cacheWrite = Take(CacheWriteKeys);
        var reasoning = Take(ReasoningKeys);
        var audio = Take(AudioKeys);

        var usage = new JsonObject();
        foreach (var (key, value) in raw.Where(p => !used.Contains(p.Key)))
        {
            usage[key.StartsWith("details.", StringComparison.Ordinal) ? key["details.".Length..] : key] = value;
        }

        Set(usage, "input", input is null ? null : Math.Max(0, input.Value - (cacheRead ?? 0) - (cacheWrite ?? 0)));
        Set(usage, "output", output is null ? null : Math.Max(0, output.Value - (reasoning ?? 0) - (audio ?? 0)));
        Set(usage, "total", total);
        Set(usage, "input_cached_tokens", cacheRead);
        Set(usage, "input_cache_creation", cacheWrite);
        Set(usage, "output_reasoning_tokens", reasoning);
        Set(usage, "output_audio_tokens", audio);
        return usage;
    }

    private static void Set(JsonObject usage, string key, long? value)
    {
        if (value is not null)
        {
            usage[key] = value.Value;
        }
    }
}
