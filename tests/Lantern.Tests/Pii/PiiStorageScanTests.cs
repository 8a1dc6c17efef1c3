using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Otel;
using Npgsql;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Pii;

public sealed class PiiStorageScanTests
{
    private const string AdminKey = "admin-key-0123456789";

    [Fact]
    public async Task With_redaction_on_no_raw_pii_is_readable_anywhere_in_postgres_after_batch_and_otlp_ingestion()
    {
        await using var app = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var set = await Admin(app).PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/pii", new { mode = "redact" }, ct);
        var client = app.CreateClient().Authorized();

        var events = PiiWorkload.BatchEvents();
        foreach (var chunk in events.Chunk(150))
        {
            var (response, body) = await client.PostAsync(chunk);
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
            Assert.Empty(body!["errors"]!.AsArray());
        }

        var otlp = await client.SendAsync(OtlpPost.Json(PiiWorkload.OtlpJson()), ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otlp.StatusCode);
        var stored = await ScanAsync(app.ConnectionString);
        var leaked = PiiCorpus.Labelled.SelectMany(l => Fragments(l.Value)).Where(f => stored.Contains(f, StringComparison.Ordinal)).ToList();
        Assert.Empty(leaked);
        foreach (var kind in PiiCorpus.Labelled.Select(l => l.Kind).Distinct())
        {
            Assert.Contains($"[{kind}]", stored, StringComparison.Ordinal);
        }

        Assert.Equal(PiiCorpus.Messages().Count() * 2L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
        Assert.Equal(PiiCorpus.Messages().Count(), await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM scores WHERE comment LIKE '%[%]%'"));
    }

    [Fact]
    public async Task In_hash_mode_equal_values_get_equal_tokens_and_other_kinds_stay_as_sent()
    {
        await using var app = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await Admin(app).PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/pii", new { mode = "hash", kinds = new[] { "EMAIL" } }, ct);
        var client = app.CreateClient().Authorized();

        await client.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "a", ["input"] = "from Alice@Example.com, ip 10.0.0.7" }),
            Event("trace-create", new JsonObject { ["id"] = "b", ["input"] = "alice@example.com again" }));

        var a = await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT input::text FROM traces WHERE id = 'a'");
        var b = await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT input::text FROM traces WHERE id = 'b'");
        var token = System.Text.RegularExpressions.Regex.Match(a!, @"\[EMAIL:[0-9a-f]{12}\]").Value;
        Assert.NotEmpty(token);
        Assert.Equal($"\"from {token}, ip 10.0.0.7\"", a);
        Assert.Equal($"\"{token} again\"", b);
    }

    [Fact]
    public async Task Masking_is_off_by_default_and_a_bad_policy_is_refused()
    {
        await using var app = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var admin = Admin(app);

        await app.CreateClient().Authorized().PostAsync(Event("trace-create", new JsonObject { ["id"] = "t", ["input"] = "bob@example.com" }));
        var bad = await admin.PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/pii", new { mode = "scramble" }, ct);
        var missing = await admin.PutAsJsonAsync("/api/admin/projects/nope/settings/pii", new { mode = "redact" }, ct);
        var current = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/projects/{LanternApp.ProjectId}/settings/pii", ct);

        Assert.Equal("\"bob@example.com\"", await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT input::text FROM traces WHERE id = 't'"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("off", (string)current!["mode"]!);
    }

    private static Task<LanternApp> StartAsync() =>
        LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });

    private static HttpClient Admin(LanternApp app)
    {
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return admin;
    }

    // A private key's lines are checked one by one: jsonb text escapes the newlines between them.
    private static IEnumerable<string> Fragments(string value) => value.Split('\n').Where(l => l.Length >= 8 && !l.StartsWith("-----", StringComparison.Ordinal));

    /// <summary>Every text, varchar, json, jsonb and array column of every table, as text.</summary>
    private static async Task<string> ScanAsync(string connectionString)
    {
        var columns = await Sql.RowsAsync(connectionString, """
            SELECT table_name, column_name, udt_name FROM information_schema.columns
            WHERE table_schema = 'public' AND udt_name IN ('text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', 'bytea')
            """);
        Assert.NotEmpty(columns);
        var all = new System.Text.StringBuilder();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        foreach (var column in columns)
        {
            var name = Quote(column["column_name"]);
            var text = (string)column["udt_name"]! == "bytea" ? $"encode({name}, 'escape')" : $"{name}::text";
            var sql = $"SELECT string_agg({text}, E'\\n') FROM {Quote(column["table_name"])}";
            await using var command = dataSource.CreateCommand(sql);
            all.Append(await command.ExecuteScalarAsync() as string).Append('\n');
        }

        return all.ToString();
    }

    private static string Quote(object? identifier) => "\"" + ((string)identifier!).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
