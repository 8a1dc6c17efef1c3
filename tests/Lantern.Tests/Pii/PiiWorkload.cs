using System.Text.Json.Nodes;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Pii;

/// <summary>The labelled corpus shaped as the SDKs send it: batch events (chat input, output, metadata, status, score comments) and OTLP/JSON spans.</summary>
public static class PiiWorkload
{
    public static JsonObject[] BatchEvents() =>
    [
        .. PiiCorpus.Messages().SelectMany((m, i) => new[]
        {
            Event("trace-create", new JsonObject
            {
                ["id"] = $"pii-trace-{i}",
                ["name"] = "chat",
                ["input"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = m.Text }) },
                ["output"] = m.Text,
                ["metadata"] = new JsonObject { ["customer"] = m.Value, ["nested"] = new JsonObject { ["list"] = new JsonArray(m.Value, 7) } },
            }),
            Event("generation-create", new JsonObject
            {
                ["id"] = $"pii-gen-{i}",
                ["traceId"] = $"pii-trace-{i}",
                ["name"] = "llm",
                ["model"] = "gpt-4o",
                ["input"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "Be brief." }, new JsonObject { ["role"] = "user", ["content"] = m.Text }),
                ["output"] = new JsonObject { ["role"] = "assistant", ["content"] = m.Text },
                ["metadata"] = new JsonObject { ["raw"] = m.Value },
                ["statusMessage"] = $"failed for {m.Value}",
            }),
            Event("score-create", new JsonObject
            {
                ["id"] = $"pii-score-{i}",
                ["traceId"] = $"pii-trace-{i}",
                ["name"] = "helpfulness",
                ["value"] = 0.5,
                ["comment"] = m.Text,
            }),
        }),
    ];

    public static string OtlpJson()
    {
        var spans = new JsonArray();
        var i = 0;
        foreach (var (_, value, text) in PiiCorpus.Messages())
        {
            i++;
            spans.Add(new JsonObject
            {
                ["traceId"] = $"{i:x32}",
                ["spanId"] = $"{i:x16}",
                ["name"] = "otel-chat",
                ["kind"] = 1,
                ["startTimeUnixNano"] = "1795428000000000000",
                ["endTimeUnixNano"] = "1795428001500000000",
                ["attributes"] = new JsonArray(
                    Attribute("input.value", text), Attribute("output.value", text), Attribute("app.customer", value),
                    Attribute("langfuse.observation.metadata.contact", value)),
                ["status"] = new JsonObject { ["code"] = 2, ["message"] = $"error for {value}" },
            });
        }

        return new JsonObject
        {
            ["resourceSpans"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject { ["attributes"] = new JsonArray(Attribute("service.name", "chat-app")) },
                ["scopeSpans"] = new JsonArray(new JsonObject { ["scope"] = new JsonObject { ["name"] = "app" }, ["spans"] = spans }),
            }),
        }.ToJsonString();
    }

    private static JsonObject Attribute(string key, string value) =>
        new() { ["key"] = key, ["value"] = new JsonObject { ["stringValue"] = value } };
}
