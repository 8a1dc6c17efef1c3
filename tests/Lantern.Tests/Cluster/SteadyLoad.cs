using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Sends one small trace after another, the way an SDK does: a batch answered 503 is resent after a short wait until
/// it is acknowledged. Records what was acknowledged and the longest time between two acknowledgements. A batch whose
/// request fails (the node restarting) fails the load, unless <c>resendWhenUnreachable</c>: then it is resent too, as an
/// SDK does.
/// </summary>
public sealed class SteadyLoad(HttpClient http, bool resendWhenUnreachable = false)
{
    private readonly List<JsonObject> _acknowledged = [];
    private long _longestPauseTicks;
    private long _slowestUnavailableTicks;
    private int _sent;

    public IReadOnlyList<JsonObject> Acknowledged => _acknowledged;

    public TimeSpan LongestPause => TimeSpan.FromTicks(_longestPauseTicks);

    /// <summary>The longest a request took to be answered 503.</summary>
    public TimeSpan SlowestUnavailable => TimeSpan.FromTicks(_slowestUnavailableTicks);

    /// <summary>How many 503 answers carried Retry-After, and how many did not.</summary>
    public (int WithRetryAfter, int Without) Unavailable { get; private set; }

    public int Batches => _sent;

    /// <summary>How many requests failed without an answer (only counted with <c>resendWhenUnreachable</c>).</summary>
    public int Unreachable { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var lastAck = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var batch = Trace(_sent++);
            // Stopping waits for the batch's acknowledgement: a batch answered 503 may still be stored later (the broker
            // can deliver a send given up at the deadline), and the tests expect exactly what was acknowledged.
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                HttpResponseMessage response;
                JsonNode? body;
                try
                {
                    (response, body) = await http.PostAsync(batch);
                }
                catch (HttpRequestException) when (resendWhenUnreachable)
                {
                    Unreachable++;
                    await Task.Delay(200, CancellationToken.None);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.MultiStatus)
                {
                    Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
                    _acknowledged.AddRange(batch);
                    var pause = Stopwatch.GetElapsedTime(lastAck);
                    _longestPauseTicks = Math.Max(_longestPauseTicks, pause.Ticks);
                    lastAck = Stopwatch.GetTimestamp();
                    break;
                }

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body?.ToJsonString()}");
                _slowestUnavailableTicks = Math.Max(_slowestUnavailableTicks, Stopwatch.GetElapsedTime(sent).Ticks);
                Unavailable = response.Headers.RetryAfter is null
                    ? (Unavailable.WithRetryAfter, Unavailable.Without + 1)
                    : (Unavailable.WithRetryAfter + 1, Unavailable.Without);
                await Task.Delay(200, CancellationToken.None);
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static JsonObject[] Trace(int n)
    {
        var traceId = $"load-{n}";
        var start = T0.AddSeconds(n);
        return
        [
            Event("trace-create", new JsonObject
            {
                ["id"] = traceId, ["name"] = "chat", ["userId"] = $"user-{n % 5}", ["sessionId"] = $"session-{n % 7}", ["timestamp"] = Iso(start),
            }, start),
            Event("generation-create", new JsonObject
            {
                ["id"] = $"{traceId}-gen", ["traceId"] = traceId, ["model"] = "gpt-4o", ["startTime"] = Iso(start),
                ["usageDetails"] = new JsonObject { ["input"] = 100 + (n % 50), ["output"] = 20 + (n % 10) },
                ["costDetails"] = new JsonObject { ["total"] = (n % 100 + 1) / 1_000_000m },
            }, start),
        ];
    }
}
