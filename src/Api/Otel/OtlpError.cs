namespace Lantern.Api.Otel;

/// <summary>Body of a rejected export, in Langfuse's error shape: <c>error</c> says what failed, <c>message</c> how.</summary>
public sealed record OtlpError(string Error, string Message);
