using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Privacy;

/// <summary>
/// Every <c>/api/public</c> route the running app maps (read from its EndpointDataSource, so a route added later is covered
/// without touching the tests), as concrete requests with each route parameter filled by each of the given values.
/// </summary>
public static class PublicEndpoints
{
    public static List<(string Method, string Path)> Requests(IServiceProvider services, IReadOnlyList<string> values)
    {
        var requests = new List<(string, string)>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/public", StringComparison.Ordinal) == true);
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var pattern = endpoint.RoutePattern;
            var fillings = pattern.Parameters.Count == 0 ? [""] : values;
            foreach (var method in methods)
            {
                foreach (var value in fillings)
                {
                    var path = new StringBuilder();
                    foreach (var segment in pattern.PathSegments)
                    {
                        path.Append('/');
                        foreach (var part in segment.Parts)
                        {
                            path.Append(part switch
                            {
                                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "version" } => "1",
                                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => Uri.EscapeDataString(value),
                                _ => "",
                            });
                        }
                    }

                    requests.Add((method, path.ToString()));
                }
            }
        }

        return requests;
    }
}
