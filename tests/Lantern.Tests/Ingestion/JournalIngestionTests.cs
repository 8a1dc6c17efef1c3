using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Api.Ingestion;
using Lantern.Api.Ingestion.Journal;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.Journal;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Ingestion;

public sealed class JournalIngestionTests
{
    private const string AdminKey = "admin-key-0123456789";

    [Fact]
    public async Task With_a_journal_a_batch_is_acknowledged_per_event_and_then_readable_with_its_cost()
    {
        var journal = TestWorkDirectory.Create("journal-");
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_INGEST_JOURNAL_DIR"] = journal });
        var http = app.CreateClient().Authorized();

        var (response, body) = await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "journaled", ["userId"] = "u-1" }),
            Event("generation-create", new JsonObject
            {
                ["id"] = "journaled-g", ["traceId"] = "journaled", ["model"] = "gpt-4o",
                ["usageDetails"] = new JsonObject { ["input"] = 1000, ["output"] = 100 },
            }),
            Event("score-create", new JsonObject { ["id"] = "journaled-s", ["traceId"] = "journaled", ["name"] = "quality", ["value"] = 1 }),
            Event("trace-create", new JsonObject { ["name"] = "no id" }));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal(4, body!["successes"]!.AsArray().Count);
        Assert.Empty(body["errors"]!.AsArray());
        JsonObject? trace = null;
        await Eventually.TrueAsync(async () =>
        {
            var read = await http.GetAsync("/api/public/traces/journaled", TestContext.Current.CancellationToken);
            trace = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
            return trace?["observations"]?.AsArray().Count == 1 && trace["scores"]?.AsArray().Count == 1;
        }, "the journaled trace is stored with its generation and score");
        Assert.True((decimal)trace!["observations"]![0]!["calculatedTotalCost"]! > 0);
        await Eventually.TrueAsync(async () => (await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken))
            .Contains("lantern_ingest_journal_pending_batches 0", StringComparison.Ordinal), "nothing is left pending");
    }

    [Fact]
    public async Task Batches_a_stopped_node_journaled_but_did_not_store_are_stored_at_the_next_start()
    {
        var directory = TestWorkDirectory.Create("journal-");
        var routes = new IngestionRoutes();
        IngestionRoutes.Add(routes.Traces, "left-behind", new IngestionEvent("e-1", IngestionEventType.TraceCreate, DateTimeOffset.UtcNow,
            JsonSerializer.SerializeToElement(new { id = "left-behind", name = "acknowledged before the crash" })));
        await using (var journal = new IngestJournal(new IngestJournalOptions { Directory = directory }, NullLogger<IngestJournal>.Instance))
        {
            await journal.AppendAsync(JournalBatches.Serialize(LanternApp.ProjectId, routes).Memory);
        }

        var leftFile = JournalSegment.Existing(directory).Single();
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_INGEST_JOURNAL_DIR"] = directory });
        var http = app.CreateClient().Authorized();

        var read = await http.GetFromJsonAsync<JsonObject>("/api/public/traces/left-behind", TestContext.Current.CancellationToken);
        Assert.Equal("acknowledged before the crash", (string)read!["name"]!);
        Assert.DoesNotContain(leftFile, JournalSegment.Existing(directory));
    }

    [Fact]
    public async Task Pii_is_masked_before_it_reaches_the_journal()
    {
        var directory = TestWorkDirectory.Create("journal-");
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?>
        {
            ["LANTERN_INGEST_JOURNAL_DIR"] = directory, ["LANTERN_ADMIN_API_KEY"] = AdminKey,
        });
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var set = await admin.PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/pii", new { mode = "redact" }, TestContext.Current.CancellationToken);
        var http = app.CreateClient().Authorized();

        await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "masked", ["input"] = "write to alice.journal@example.com" }));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var journaled = string.Concat(JournalSegment.Existing(directory).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains("[EMAIL]", journaled, StringComparison.Ordinal);
        Assert.DoesNotContain("alice.journal@example.com", journaled, StringComparison.Ordinal);
    }
}
