using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Silo.Encryption;
using Lantern.Silo.Guard;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Privacy;

public sealed class EncryptionAtRestTests
{
    private const string KeyA = "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0";
    private const string KeyB = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static readonly string KeyIdA = new AesGcmKey(Convert.FromHexString(KeyA)).KeyId;
    private static readonly string KeyIdB = new AesGcmKey(Convert.FromHexString(KeyB)).KeyId;

    // Every payload column, with its row's id, as PostgreSQL holds it (printed as jsonb prints it: some columns are json,
    // which keeps the text as written).
    private const string PayloadColumns = """
        SELECT 'traces' AS tbl, id, c.v::jsonb::text AS value FROM traces, LATERAL (VALUES (input), (output), (metadata)) c(v) WHERE c.v IS NOT NULL
        UNION ALL SELECT 'observations', id, c.v::jsonb::text FROM observations, LATERAL (VALUES (input), (output), (metadata)) c(v) WHERE c.v IS NOT NULL
        UNION ALL SELECT 'scores', id, metadata::jsonb::text FROM scores WHERE metadata IS NOT NULL
        UNION ALL SELECT 'dataset_items', id, c.v::text FROM dataset_items, LATERAL (VALUES (input), (expected_output), (metadata)) c(v) WHERE c.v IS NOT NULL
        """;

    [Fact]
    public async Task With_a_key_payloads_are_stored_only_as_envelopes_and_every_read_returns_them_as_sent()
    {
        await using var app = await LanternApp.StartAsync(Key(KeyA));
        var http = app.CreateClient().Authorized();
        await IngestAsync(http, "t1", "g1", "s1", "canary");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/public/v2/datasets", new { name = "d" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/public/dataset-items", new
        {
            datasetName = "d", id = "i1", input = new { q = "canary-item-input" }, expectedOutput = "canary-item-output", metadata = new { m = "canary-item-meta" },
        })).StatusCode);

        var stored = await Sql.RowsAsync(app.ConnectionString, PayloadColumns);
        Assert.Equal(3 + 3 + 1 + 3, stored.Count);
        Assert.All(stored, row => Assert.StartsWith($"{{\"$lantern_enc\": \"v1.{KeyIdA}.", (string)row["value"]!, StringComparison.Ordinal));
        // Nothing else in those tables holds the payloads either (the grains' merge state in "fields" included).
        foreach (var table in new[] { "traces", "observations", "scores", "dataset_items" })
        {
            var rows = await Sql.RowsAsync(app.ConnectionString, $"SELECT x::text AS row FROM {table} x");
            Assert.All(rows, row => Assert.DoesNotContain("canary", (string)row["row"]!, StringComparison.Ordinal));
        }

        await AssertReadsAsync(http, "t1", "g1", "s1", "canary");
        var item = (await http.GetFromJsonAsync<JsonObject>("/api/public/dataset-items/i1"))!;
        Assert.Equal("canary-item-input", (string)item["input"]!["q"]!);
        Assert.Equal("canary-item-output", (string)item["expectedOutput"]!);
        Assert.Equal("canary-item-meta", (string)item["metadata"]!["m"]!);
    }

    [Fact]
    public async Task A_grain_reloaded_from_encrypted_rows_keeps_merging_later_updates()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using (var first = Start(database, Key(KeyA)))
        {
            var (response, _) = await first.CreateClient().Authorized().PostAsync(
                Event("trace-create", new JsonObject { ["id"] = "t1", ["input"] = "question", ["metadata"] = new JsonObject { ["a"] = "1" } }),
                Event("generation-create", new JsonObject { ["id"] = "g1", ["traceId"] = "t1", ["input"] = new JsonObject { ["prompt"] = "p" } }));
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        }

        // A new node: the trace grain activates from the stored (encrypted) rows.
        await using var second = Start(database, Key(KeyA));
        var http = second.CreateClient().Authorized();
        var (update, body) = await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "t1", ["input"] = "question", ["output"] = "answer", ["metadata"] = new JsonObject { ["b"] = "2" } }, T0.AddSeconds(1)),
            Event("generation-update", new JsonObject { ["id"] = "g1", ["traceId"] = "t1", ["output"] = new JsonObject { ["text"] = "c" } }, T0.AddSeconds(1)));
        Assert.Equal(HttpStatusCode.MultiStatus, update.StatusCode);
        Assert.Empty(body!["errors"]!.AsArray());

        var trace = (await http.GetFromJsonAsync<JsonObject>("/api/public/traces/t1"))!;
        Assert.Equal("question", (string)trace["input"]!);
        Assert.Equal("answer", (string)trace["output"]!);
        Assert.Equal("""{"a":"1","b":"2"}""", trace["metadata"]!.ToJsonString());
        var observation = (await http.GetFromJsonAsync<JsonObject>("/api/public/observations/g1"))!;
        Assert.Equal("p", (string)observation["input"]!["prompt"]!);
        Assert.Equal("c", (string)observation["output"]!["text"]!);
        var metrics = await second.CreateClient().GetStringAsync("/metrics");
        Assert.DoesNotContain("lantern_ingestion_payload_rewrites_ignored_total{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_moves_every_payload_and_vault_entry_to_the_new_key_and_the_old_key_can_then_be_dropped()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using (var plaintext = Start(database, []))
        {
            await IngestAsync(plaintext.CreateClient().Authorized(), "t0", "g0", "s0", "plain");
        }

        Guid vaultEntry;
        await using (var withA = Start(database, Key(KeyA)))
        {
            await IngestAsync(withA.CreateClient().Authorized(), "t1", "g1", "s1", "sealed");
            await using var dataSource = NpgsqlDataSource.Create(database);
            vaultEntry = await Vault(dataSource, Key(KeyA)).StoreAsync(LanternApp.ProjectId, new Dictionary<string, string> { ["[EMAIL_1]"] = "a@b.c" }, default);
        }

        // Nodes serve with B current and A previous while the rotation runs.
        var rotating = Key(KeyB);
        rotating[EncryptionOptions.PreviousKeysSetting] = KeyA;
        await using (var serving = Start(database, rotating))
        {
            var http = serving.CreateClient().Authorized();
            await AssertReadsAsync(http, "t1", "g1", "s1", "sealed");
            var (exitCode, output) = await LanternProcess.RunAsync(["rotate-key", "--plaintext"], new Dictionary<string, string>
            {
                ["LANTERN_DATABASE_URL"] = database,
                ["LANTERN_SALT"] = "test-salt-0123456789abcdef",
                [EncryptionOptions.KeySetting] = KeyB,
                [EncryptionOptions.PreviousKeysSetting] = KeyA,
            });

            Assert.True(exitCode == 0, output);
            Assert.Contains($"Rotated to key {KeyIdB}.", output, StringComparison.Ordinal);
            Assert.Contains("traces: rows=2 reencrypted=3 encrypted=3 plaintextLeft=0 otherKeyLeft=0", output, StringComparison.Ordinal);
            Assert.Contains("observations: rows=2 reencrypted=3 encrypted=3 plaintextLeft=0 otherKeyLeft=0", output, StringComparison.Ordinal);
            Assert.Contains("scores: rows=2 reencrypted=1 encrypted=1 plaintextLeft=0 otherKeyLeft=0", output, StringComparison.Ordinal);
            Assert.Contains("guard_vault: rows=1 reencrypted=1", output, StringComparison.Ordinal);
            await AssertReadsAsync(http, "t0", "g0", "s0", "plain");
        }

        var stored = await Sql.RowsAsync(database, PayloadColumns);
        Assert.Equal(2 * (3 + 3 + 1), stored.Count);
        Assert.All(stored, row => Assert.StartsWith($"{{\"$lantern_enc\": \"v1.{KeyIdB}.", (string)row["value"]!, StringComparison.Ordinal));
        Assert.Equal(KeyIdB, await Sql.ScalarAsync<string>(database, "SELECT key_id FROM guard_vault"));

        // A is gone: everything still reads, and later updates still merge.
        await using var onlyB = Start(database, Key(KeyB));
        var client = onlyB.CreateClient().Authorized();
        await AssertReadsAsync(client, "t0", "g0", "s0", "plain");
        await AssertReadsAsync(client, "t1", "g1", "s1", "sealed");
        var (update, _) = await client.PostAsync(Event("trace-create", new JsonObject { ["id"] = "t1", ["tags"] = new JsonArray("rotated") }, T0.AddSeconds(5)));
        Assert.Equal(HttpStatusCode.MultiStatus, update.StatusCode);
        var trace = (await client.GetFromJsonAsync<JsonObject>("/api/public/traces/t1"))!;
        Assert.Equal(["rotated"], trace["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("sealed-trace-input", (string)trace["input"]!);
        await using var vaultSource = NpgsqlDataSource.Create(database);
        Assert.Equal("a@b.c", (await Vault(vaultSource, Key(KeyB)).ReadAsync(LanternApp.ProjectId, vaultEntry, default))!["[EMAIL_1]"]);
    }

    [Fact]
    public async Task An_envelope_moved_to_another_column_or_read_without_its_key_fails_with_the_reason_not_with_garbage()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using (var withA = Start(database, Key(KeyA)))
        {
            await IngestAsync(withA.CreateClient().Authorized(), "t1", "g1", "s1", "x");
            await using var dataSource = NpgsqlDataSource.Create(database);
            await using var command = dataSource.CreateCommand("UPDATE observations SET input = output WHERE id = 'g1'");
            await command.ExecuteNonQueryAsync();
            var moved = await withA.CreateClient().Authorized().GetAsync("/api/public/observations/g1");
            Assert.Equal(HttpStatusCode.InternalServerError, moved.StatusCode);
            Assert.Contains("input of observations row g1 in project test-project failed authentication", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var withB = Start(database, Key(KeyB));
        var response = await withB.CreateClient().Authorized().GetAsync("/api/public/traces/t1");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains($"was encrypted with key {KeyIdA}, which is neither LANTERN_ENCRYPTION_KEY nor in LANTERN_ENCRYPTION_PREVIOUS_KEYS",
            await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Key(string key) => new() { [EncryptionOptions.KeySetting] = key };

    private static LanternApp Start(string database, Dictionary<string, string?> settings)
    {
        var app = new LanternApp(database, settings);
        _ = app.Server;
        return app;
    }

    private static GuardVault Vault(NpgsqlDataSource dataSource, Dictionary<string, string?> settings) => new(dataSource,
        VaultCipher.Create(new EncryptionOptions { Key = settings[EncryptionOptions.KeySetting] }, "test-salt-0123456789abcdef"),
        Options.Create(new GuardOptions()), TimeProvider.System, NullLogger<GuardVault>.Instance);

    private static async Task IngestAsync(HttpClient http, string traceId, string generationId, string scoreId, string prefix)
    {
        var (response, body) = await http.PostAsync(
            Event("trace-create", new JsonObject
            {
                ["id"] = traceId, ["sessionId"] = $"session-{traceId}", ["input"] = $"{prefix}-trace-input", ["output"] = $"{prefix}-trace-output",
                ["metadata"] = new JsonObject { ["k"] = $"{prefix}-trace-meta" },
            }),
            Event("generation-create", new JsonObject
            {
                ["id"] = generationId, ["traceId"] = traceId, ["input"] = new JsonObject { ["prompt"] = $"{prefix}-gen-input" },
                ["output"] = new JsonObject { ["text"] = $"{prefix}-gen-output" }, ["metadata"] = new JsonObject { ["k"] = $"{prefix}-gen-meta" },
            }),
            Event("score-create", new JsonObject
            {
                ["id"] = scoreId, ["traceId"] = traceId, ["name"] = "quality", ["value"] = 1, ["metadata"] = new JsonObject { ["k"] = $"{prefix}-score-meta" },
            }));
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Empty(body!["errors"]!.AsArray());
    }

    private static async Task AssertReadsAsync(HttpClient http, string traceId, string generationId, string scoreId, string prefix)
    {
        var trace = (await http.GetFromJsonAsync<JsonObject>($"/api/public/traces/{traceId}"))!;
        Assert.Equal($"{prefix}-trace-input", (string)trace["input"]!);
        Assert.Equal($"{prefix}-trace-output", (string)trace["output"]!);
        Assert.Equal($"{prefix}-trace-meta", (string)trace["metadata"]!["k"]!);
        Assert.Equal($"{prefix}-gen-input", (string)trace["observations"]![0]!["input"]!["prompt"]!);
        Assert.Equal($"{prefix}-score-meta", (string)trace["scores"]![0]!["metadata"]!["k"]!);

        var list = (await http.GetFromJsonAsync<JsonObject>($"/api/public/traces?sessionId=session-{traceId}"))!;
        Assert.Equal($"{prefix}-trace-meta", (string)list["data"]![0]!["metadata"]!["k"]!);
        var session = (await http.GetFromJsonAsync<JsonObject>($"/api/public/sessions/session-{traceId}"))!;
        Assert.Equal($"{prefix}-trace-input", (string)session["traces"]![0]!["input"]!);

        var observation = (await http.GetFromJsonAsync<JsonObject>($"/api/public/observations/{generationId}"))!;
        Assert.Equal($"{prefix}-gen-output", (string)observation["output"]!["text"]!);
        Assert.Equal($"{prefix}-gen-meta", (string)observation["metadata"]!["k"]!);
        var observations = (await http.GetFromJsonAsync<JsonObject>($"/api/public/observations?traceId={traceId}"))!;
        Assert.Equal($"{prefix}-gen-input", (string)observations["data"]![0]!["input"]!["prompt"]!);
        var v2 = (await http.GetFromJsonAsync<JsonObject>($"/api/public/v2/observations?traceId={traceId}&fields=core,io,metadata"))!;
        Assert.Contains($"{prefix}-gen-output", (string)v2["data"]![0]!["output"]!, StringComparison.Ordinal);
        Assert.Equal($"{prefix}-gen-meta", (string)v2["data"]![0]!["metadata"]!["k"]!);

        var score = (await http.GetFromJsonAsync<JsonObject>($"/api/public/v2/scores/{scoreId}"))!;
        Assert.Equal($"{prefix}-score-meta", (string)score["metadata"]!["k"]!);
        var scores = (await http.GetFromJsonAsync<JsonObject>($"/api/public/scores?traceId={traceId}"))!;
        Assert.Equal($"{prefix}-score-meta", (string)scores["data"]![0]!["metadata"]!["k"]!);
    }
}
