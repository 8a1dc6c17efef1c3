using System.Text.Json;

namespace Lantern.Grains.Pricing;

/// <summary>
/// OpenAI's usage objects as Langfuse splits them: Chat Completions (<c>prompt_tokens</c>, <c>completion_tokens</c>,
/// <c>*_tokens_details</c>) and Responses (<c>input_tokens</c>, <c>output_tokens</c>, <c>total_tokens</c>). Each detail
/// becomes <c>input_&lt;k&gt;</c> / <c>output_&lt;k&gt;</c> and is subtracted from <c>input</c> / <c>output</c>, because
/// OpenAI's counts include them and every usage key is priced on its own.
/// </summary>
internal static class OpenAiUsage
{
    private static readonly (string Input, string Output, string InputDetails, string OutputDetails) Chat =
        ("prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details");

    private static readonly (string Input, string Output, string InputDetails, string OutputDetails) Responses =
        ("input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details");

    public static bool TryConvert(JsonElement root, Dictionary<string, long> usage) =>
        TryConvert(root, Chat, requireTotal: false, usage) || TryConvert(root, Responses, requireTotal: true, usage);

    private static bool TryConvert(JsonElement root, (string Input, string Output, string InputDetails, string OutputDetails) shape,
        bool requireTotal, Dictionary<string, long> usage)
    {
        // Strict shape, as Langfuse's schema: the count keys are present and nothing else is, so a free map that
        // merely uses one of these names (Anthropic's input_tokens) stays a free map.
        if (!root.TryGetProperty(shape.Input, out var input) || !root.TryGetProperty(shape.Output, out var output) ||
            (requireTotal && !root.TryGetProperty("total_tokens", out _)) ||
            root.EnumerateObject().Any(p => p.Name != shape.Input && p.Name != shape.Output && p.Name != "total_tokens" &&
                                            p.Name != shape.InputDetails && p.Name != shape.OutputDetails) ||
            ClientUsageReader.Count(input) is not { } inputCount || ClientUsageReader.Count(output) is not { } outputCount)
        {
            return false;
        }

        usage["input"] = inputCount - AddDetails(root, shape.InputDetails, "input_", usage);
        usage["output"] = outputCount - AddDetails(root, shape.OutputDetails, "output_", usage);
        usage["input"] = Math.Max(0, usage["input"]);
        usage["output"] = Math.Max(0, usage["output"]);
        if (root.TryGetProperty("total_tokens", out var total) && ClientUsageReader.Count(total) is { } totalCount)
        {
            usage["total"] = totalCount;
        }

        return true;
    }

    private static long AddDetails(JsonElement root, string name, string prefix, Dictionary<string, long> usage)
    {
        long sum = 0;
        if (root.TryGetProperty(name, out var details) && details.ValueKind == JsonValueKind.Object)
        {
            foreach (var detail in details.EnumerateObject())
            {
                if (ClientUsageReader.Count(detail.Value) is { } count)
                {
                    usage[prefix + detail.Name] = count;
                    sum += count;
                }
            }
        }

        return sum;
    }
}
