namespace Lantern.Api.Models;

/// <summary>Langfuse's <c>ModelPrice</c>: one usage type's price in the default tier.</summary>
public sealed record ModelPriceResponse(decimal Price);
