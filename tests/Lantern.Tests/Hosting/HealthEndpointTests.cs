using System.Net;
using System.Net.Http.Json;
using Lantern.Api.Health;
using Lantern.Tests.Infrastructure;
using Npgsql;

namespace Lantern.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task A_started_node_is_live_started_and_ready_and_answers_langfuse_health()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/startup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var health = await http.GetFromJsonAsync<HealthStatus>("/api/public/health");
        Assert.Equal("OK", health!.Status);
        Assert.Matches(@"^\d+\.\d+\.\d+", health.Version);
    }

    [Fact]
    public async Task Headless_init_creates_the_project_and_stores_only_a_hash_of_the_secret()
    {
        await using var app = await LanternApp.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT p.id, k.public_key, k.secret_hash, k.display_secret_key FROM api_keys k JOIN projects p ON p.id = k.project_id");
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(LanternApp.ProjectId, reader.GetString(0));
        Assert.Equal(LanternApp.PublicKey, reader.GetString(1));
        Assert.DoesNotContain("test-secret", reader.GetString(2), StringComparison.Ordinal);
        Assert.Equal(64, reader.GetString(2).Length);
        Assert.Equal("sk-lf-...cret", reader.GetString(3));
        Assert.False(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("LANGFUSE_INIT_PROJECT_SECRET_KEY", "pk-lf-oops", "LANGFUSE_INIT_PROJECT_SECRET_KEY starts with 'pk-'")]
    [InlineData("LANGFUSE_INIT_PROJECT_PUBLIC_KEY", "sk-lf-oops", "LANGFUSE_INIT_PROJECT_PUBLIC_KEY starts with 'sk-'")]
    [InlineData("LANTERN_SALT", "short", "LANTERN_SALT (or SALT) must be set")]
    [InlineData("LANTERN_ENCRYPTION_KEY", "not-hex", "LANTERN_ENCRYPTION_KEY must be 64 hex characters")]
    [InlineData("LANTERN_ENCRYPTION_PREVIOUS_KEYS", "0123,abc", "LANTERN_ENCRYPTION_PREVIOUS_KEYS must be comma-separated keys of 64 hex characters")]
    [InlineData("LANTERN_DATABASE_MAX_AUTO_PREPARE", "-1", "LANTERN_DATABASE_MAX_AUTO_PREPARE must be 0 (off) or a whole number")]
    [InlineData("LANTERN_DATABASE_MAX_AUTO_PREPARE", "many", "LANTERN_DATABASE_MAX_AUTO_PREPARE must be 0 (off) or a whole number")]
    [InlineData("LANTERN_BROKER_WEDGE_SECONDS", "-1", "LANTERN_BROKER_WEDGE_SECONDS must be zero (off) or a positive number of seconds")]
    [InlineData("LANTERN_BROKER_WEDGE_SECONDS", "soon", "LANTERN_BROKER_WEDGE_SECONDS must be zero (off) or a positive number of seconds")]
    [InlineData("LANTERN_BROKER_SEND_TIMEOUT_SECONDS", "5s", "LANTERN_BROKER_SEND_TIMEOUT_SECONDS and LANTERN_CLUSTER_DELETE_TIMEOUT_SECONDS must be positive")]
    [InlineData("LANTERN_PARTITIONS", "many", "LANTERN_PARTITIONS must be between 1 and 4096")]
    [InlineData("LANTERN_ROLE", "worker", "LANTERN_ROLE must be api, silo or all")]
    [InlineData("LANTERN_ROLE", "7", "LANTERN_ROLE must be api, silo or all")]
    [InlineData("LANTERN_ROLLUP_CACHE_ROWS", "-5", "LANTERN_ROLLUP_CACHE_ROWS must be 0 (off) or a whole number")]
    [InlineData("LANTERN_ROLLUP_CACHE_ROWS", "lots", "LANTERN_ROLLUP_CACHE_ROWS must be 0 (off) or a whole number")]
    [InlineData("LANTERN_IDLE_GC_MIB", "-1", "LANTERN_IDLE_GC_MIB must be 0 (off) or a whole number")]
    [InlineData("LANTERN_IDLE_GC_MIB", "48MB", "LANTERN_IDLE_GC_MIB must be 0 (off) or a whole number")]
    public async Task The_node_refuses_to_start_with_swapped_keys_a_weak_salt_or_a_malformed_setting_and_says_why(string setting, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["LANTERN_DATABASE_URL"] = await PostgresServer.CreateDatabaseAsync(),
            ["LANTERN_SALT"] = "test-salt-0123456789abcdef",
            ["LANGFUSE_INIT_PROJECT_ID"] = "p",
            ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "pk-lf-1",
            ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "sk-lf-1",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Posix.FreePort()}",
            [setting] = value,
        };

        var (exitCode, output) = await LanternProcess.RunAsync([], environment);

        Assert.Equal(2, exitCode);
        Assert.Contains("Lantern cannot start", output, StringComparison.Ordinal);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
