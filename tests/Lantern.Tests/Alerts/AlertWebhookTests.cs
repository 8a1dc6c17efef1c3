using System.Net;
using System.Text.Json.Nodes;
using Lantern.Silo.Rollups;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Alerts;

public sealed class AlertWebhookTests
{
    [Fact]
    public async Task A_spend_alert_is_posted_signed_and_retried_until_the_receiver_accepts_it()
    {
        var port = Posix.FreePort();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        receiver.Start();
        var deliveries = new List<(byte[] Body, string? Signature)>();
        var serving = Task.Run(async () =>
        {
            while (deliveries.Count < 2)
            {
                var context = await receiver.GetContextAsync();
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                deliveries.Add((body.ToArray(), context.Request.Headers[AlertWebhook.SignatureHeader]));
                context.Response.StatusCode = deliveries.Count == 1 ? 503 : 200; // the first attempt fails
                context.Response.Close();
            }
        });
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?>
        {
            ["LANTERN_USER_BUDGET_USD"] = "0.01",
            ["LANTERN_ALERT_WEBHOOK_URL"] = $"http://127.0.0.1:{port}/hook/",
            ["LANTERN_ALERT_WEBHOOK_SECRET"] = "hook-secret",
        });

        await app.CreateClient().Authorized().PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "t", ["userId"] = "whale" }),
            Event("generation-create", new JsonObject { ["id"] = "g", ["traceId"] = "t", ["costDetails"] = new JsonObject { ["total"] = 0.5 } }));
        await serving.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(deliveries[0].Body, deliveries[1].Body);
        var (body, signature) = deliveries[1];
        Assert.Equal(AlertWebhook.Sign(body, "hook-secret"), signature);
        var alert = JsonNode.Parse(body)!;
        Assert.Equal(("test-project", "whale", "budget"), ((string)alert["projectId"]!, (string)alert["alert"]!["userId"]!, (string)alert["alert"]!["reason"]!));
    }
}
