using System.Net;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Posts a batch the way the SDKs do against a cluster: a 503 with Retry-After (the broker did not confirm in time, so
/// nothing was acknowledged) is sent again. A freshly started bus declares its exchanges on the first send, which can
/// outlast the send timeout on a loaded box; tests that are not about that must not fail on it.
/// </summary>
internal static class SdkResend
{
    private const int Attempts = 6;

    public static async Task<JsonNode?> PostUntilAcceptedAsync(this HttpClient http, params JsonObject[] events)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (response, body) = await http.PostAsync(events);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == Attempts)
            {
                Assert.True(response.StatusCode == HttpStatusCode.MultiStatus, $"{(int)response.StatusCode}: {body?.ToJsonString()}");
                Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
                return body;
            }

            Assert.NotNull(response.Headers.RetryAfter);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
