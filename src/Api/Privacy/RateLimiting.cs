using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Lantern.Api.Privacy;

/// <summary>
/// Per-key rate limiting of <c>/api/public</c> (<c>LANTERN_RATE_LIMIT_PER_MINUTE</c>; unset is off): a fixed one-minute
/// window per public key, answered with 429, <c>Retry-After</c> and Langfuse's <c>X-RateLimit-*</c> headers. Requests
/// without a key are not limited here: authentication refuses them anyway.
/// </summary>
public static class RateLimiting
{
    private const string SettingKey = "LANTERN_RATE_LIMIT_PER_MINUTE";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddLanternRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        if (Limit(configuration) is not { } limit)
        {
            return services;
        }

        if (limit < 1)
        {
            // Reported at start like every other invalid setting: what is wrong, without a stack trace.
            services.AddOptions<RateLimiterOptions>().Validate(_ => false, $"{SettingKey} must be a whole number of requests per minute >= 1 (unset turns rate limiting off).").ValidateOnStart();
            return services;
        }

        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                PublicKey(http) is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = (context, cancellationToken) => RejectAsync(context, limit, cancellationToken);
        });
    }

    public static WebApplication UseLanternRateLimiting(this WebApplication app)
    {
        if (Limit(app.Configuration) is >= 1)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    private static int? Limit(IConfiguration configuration)
    {
        var text = configuration[SettingKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : 0;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, int limit, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)Window.TotalSeconds;
        var headers = context.HttpContext.Response.Headers;
        headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = "0";
        headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(seconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.HttpContext.Response.WriteAsJsonAsync(
            new { error = "TooManyRequests", message = $"Rate limit exceeded: {limit} requests per minute per API key. Retry after {seconds} s." }, cancellationToken);
    }

    // The partition is the public key only (never the secret), read without authenticating: limiting must stay cheap.
    private static string? PublicKey(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api/public", StringComparison.Ordinal))
        {
            return null;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim() is { Length: > 0 and <= 200 } key ? key : null;
        }

        Span<byte> buffer = stackalloc byte[512];
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || !Convert.TryFromBase64String(header["Basic ".Length..].Trim(), buffer, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? text[..colon] : null;
    }
}
