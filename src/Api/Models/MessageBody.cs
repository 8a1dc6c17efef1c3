namespace Lantern.Api.Models;

/// <summary>A body that only carries a message, as Langfuse answers deletes.</summary>
public sealed record MessageBody(string Message);
