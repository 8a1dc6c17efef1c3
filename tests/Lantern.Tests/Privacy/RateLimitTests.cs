using System.Net;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Privacy;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_other_keys_carry_on()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_RATE_LIMIT_PER_MINUTE"] = "3" });
        var http = app.CreateClient().Authorized();
        var other = await SecondProject.CreateAsync(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/public/traces")).StatusCode);
        }

        var limited = await http.GetAsync("/api/public/traces");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("3", limited.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Contains("Rate limit exceeded", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/public/traces")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/live")).StatusCode);
    }
}
