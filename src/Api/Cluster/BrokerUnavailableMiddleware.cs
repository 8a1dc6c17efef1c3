using System.Globalization;

namespace Lantern.Api.Cluster;

/// <summary>
/// Turns <see cref="BrokerUnavailableException"/> from any ingestion endpoint (batch, OTLP, scores) into 503 with
/// Retry-After: the client keeps its data and retries, instead of a 500 or an acknowledgement the broker never backed.
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
        catch (BrokerUnavailableException) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await http.Response.WriteAsJsonAsync(new { message = "The message broker is unavailable; retry later. Nothing in this request was stored." });
        }
    }
}
