using System.Globalization;
using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>
/// Input and output of a span (reference §4.6): Langfuse's attributes first, then what the common frameworks write
/// (Genkit, Vercel AI SDK, MLflow, Traceloop, OpenInference, GenAI semantic conventions as attributes or span events).
/// </summary>
public static class InputOutputAttributes
{
    private static readonly string[] InputKeys =
    [
        "langfuse.observation.input", "genkit:input", "ai.prompt.messages", "ai.prompt", "ai.toolCall.args",
        "mlflow.spanInputs", "traceloop.entity.input", "input.value", "input",
    ];

    private static readonly string[] OutputKeys =
    [
        "langfuse.observation.output", "genkit:output", "ai.response.text", "ai.response.object", "ai.response.toolCalls",
        "ai.toolCall.result", "ai.result.text", "ai.result.object", "ai.result.toolCalls", "mlflow.spanOutputs",
        "traceloop.entity.output", "output.value", "output",
    ];

    private static readonly string[] InputMessageEvents = ["gen_ai.system.message", "gen_ai.user.message", "gen_ai.assistant.message", "gen_ai.tool.message"];

    public static JsonNode? Input(SpanContext span)
    {
        var a = span.Attributes;
        return JsonText.Parse(a.First(InputKeys))
            ?? EventMessages(span, e => InputMessageEvents.Contains(e))
            ?? Indexed(a, "gen_ai.prompt.")
            ?? Indexed(a, "llm.input_messages.")
            ?? WithSystemInstructions(a, JsonText.Parse(a.First("gen_ai.input.messages")))
            ?? JsonText.Parse(a.First("gen_ai.prompt"));
    }

    public static JsonNode? Output(SpanContext span)
    {
        var a = span.Attributes;
        return JsonText.Parse(a.First(OutputKeys))
            ?? EventMessages(span, e => e == "gen_ai.choice")
            ?? Indexed(a, "gen_ai.completion.")
            ?? Indexed(a, "llm.output_messages.")
            ?? JsonText.Parse(a.First("gen_ai.output.messages"))
            ?? JsonText.Parse(a.First("gen_ai.completion"));
    }

    /// <summary>GenAI message events (one per message) rebuilt into a message list.</summary>
    private static JsonArray? EventMessages(SpanContext span, Func<string, bool> include)
    {
        var messages = new JsonArray();
        foreach (var spanEvent in span.Span.Events.Where(e => include(e.Name)))
        {
            var message = new JsonObject();
            if (spanEvent.Name.Split('.') is [_, var role, "message"])
            {
                message["role"] = role;
            }

            foreach (var attribute in spanEvent.Attributes.Where(x => x.Key is not ("gen_ai.system" or "gen_ai.provider.name")))
            {
                message[attribute.Key] = JsonText.Parse(SpanAttributes.Decode(attribute.Value));
            }

            messages.Add(message);
        }

        return messages.Count > 0 ? messages : null;
    }

    /// <summary>Flattened messages (<c>gen_ai.prompt.0.role</c>, <c>llm.input_messages.0.message.content</c>) rebuilt into a list.</summary>
    private static JsonArray? Indexed(SpanAttributes attributes, string prefix)
    {
        var byIndex = new SortedDictionary<int, JsonObject>();
        foreach (var (key, value) in attributes.WithPrefix(prefix))
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }

            var field = key[(dot + 1)..];
            field = field.StartsWith("message.", StringComparison.Ordinal) ? field["message.".Length..] : field;
            if (!byIndex.TryGetValue(index, out var message))
            {
                byIndex[index] = message = new JsonObject();
            }

            message[field] = JsonText.Parse(value);
        }

        return byIndex.Count > 0 ? new JsonArray([.. byIndex.Values]) : null;
    }

    private static JsonNode? WithSystemInstructions(SpanAttributes attributes, JsonNode? messages)
    {
        if (messages is null || JsonText.Parse(attributes.First("gen_ai.system_instructions")) is not { } instructions)
        {
            return messages;
        }

        return new JsonObject { ["system_instructions"] = instructions, ["messages"] = messages };
    }
}
