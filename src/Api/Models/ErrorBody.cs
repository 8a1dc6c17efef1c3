namespace Lantern.Api.Models;

/// <summary>Langfuse's error body <c>{ message, error }</c>.</summary>
public sealed record ErrorBody(string Message, object Error)
{
    public static ErrorBody Invalid(IReadOnlyList<string> issues) => new("Invalid request data", issues);

    public static ErrorBody NotFound(string message) => new(message, "LangfuseNotFoundError");
}
