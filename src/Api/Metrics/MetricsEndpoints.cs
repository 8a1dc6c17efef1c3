using Lantern.Silo.Metrics;

namespace Lantern.Api.Metrics;

/// <summary><c>GET /metrics</c>: Prometheus text or OpenMetrics, as the scraper's Accept header asks. No auth, like every exporter.</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapLanternMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", Scrape).WithName("Metrics").WithSummary("Prometheus metrics of this process.").ExcludeFromDescription();
        return app;
    }

    private static IResult Scrape(HttpRequest request, MetricsCollector collector)
    {
        var format = ExpositionNegotiation.Negotiate(request.Headers.Accept.ToString());
        return TypedResults.Text(collector.Scrape(format), ExpositionNegotiation.ContentType(format));
    }
}
