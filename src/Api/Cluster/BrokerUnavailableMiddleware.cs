using System.Globalization;
using Lantern.Silo.Cluster;

namespace Lantern.Api.Cluster;

/// <summary>
/// Turns <see cref="BrokerUnavailableException"/> from any endpoint that goes through the broker (ingestion, deletions,
/// erasure, retention) into 503 with Retry-After: the client keeps its data and retries, instead of a 500 or an
/// acknowledgement the broker or the owners never backed.
/// </summary>
public sealed class BrokerUnavailableMiddleware(RequestDelegate next)
{
    private const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (BrokerUnavailableException unavailable) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await http.Response.WriteAsJsonAsync(new { message = unavailable.Message });
        }
    }
}
