namespace Lantern.Api.Auth;

/// <summary>Why a request was not authenticated, with Langfuse's status and message.</summary>
public sealed record AuthFailure(int Status, string Error, string Message);
