using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>Trace-level attributes of a span (reference §4.4): any of them makes the span update its trace.</summary>
public static class TraceAttributes
{
    private static readonly string[] UserIdKeys =
    [
        "langfuse.user.id", "user.id", "langfuse.observation.metadata.langfuse_user_id", "langfuse.trace.metadata.langfuse_user_id",
        "ai.telemetry.metadata.userId",
    ];

    private static readonly string[] SessionIdKeys =
    [
        "langfuse.session.id", "session.id", "gen_ai.conversation.id", "langfuse.observation.metadata.langfuse_session_id",
        "langfuse.trace.metadata.langfuse_session_id", "ai.telemetry.metadata.sessionId",
    ];

    private static readonly string[] TagKeys =
    [
        "langfuse.trace.tags", "langfuse.tags", "langfuse.observation.metadata.langfuse_tags", "langfuse.trace.metadata.langfuse_tags",
        "ai.telemetry.metadata.tags", "tag.tags",
    ];

    private static readonly string[] PublicKeys = ["langfuse.trace.public", "langfuse.public"];

    private static readonly string[] OtherKeys = ["langfuse.trace.name", "langfuse.trace.input", "langfuse.trace.output", "langfuse.trace.metadata"];

    public static bool Any(SpanAttributes attributes) =>
        attributes.First([.. UserIdKeys, .. SessionIdKeys, .. TagKeys, .. PublicKeys, .. OtherKeys]) is not null ||
        attributes.HasPrefix("langfuse.trace.metadata.");

    public static string? UserId(SpanAttributes attributes) => attributes.Text(UserIdKeys);

    public static string? SessionId(SpanAttributes attributes) => attributes.Text(SessionIdKeys);

    public static bool? Public(SpanAttributes attributes) =>
        attributes.First(PublicKeys) is { } value ? JsonText.IsTrue(value) : null;

    /// <summary>Tags as a string array, a JSON array in a string, or a comma-separated string.</summary>
    public static JsonArray? Tags(SpanAttributes attributes)
    {
        var value = attributes.First(TagKeys);
        var parsed = JsonText.Parse(value);
        IEnumerable<string?> tags = parsed switch
        {
            JsonArray array => array.Select(SpanAttributes.AsText),
            _ when SpanAttributes.IsString(value) => value!.GetValue<string>().Split(','),
            _ => [],
        };
        var cleaned = tags.Select(t => t?.Trim()).Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal).ToList();
        return cleaned.Count > 0 ? new JsonArray([.. cleaned.Select(t => JsonValue.Create(t))]) : null;
    }
}
