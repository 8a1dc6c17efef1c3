using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lantern.Tests.Infrastructure;

/// <summary>The real Lantern app in process, on a fresh PostgreSQL database of its own.</summary>
public sealed class LanternApp(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string ProjectId = "test-project";
    public const string PublicKey = "pk-lf-test-public";
    public const string SecretKey = "sk-lf-test-secret";

    public string ConnectionString => connectionString;

    public static async Task<LanternApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new LanternApp(await PostgresServer.CreateDatabaseAsync(), settings);
        _ = app.Server;
        return app;
    }

    /// <summary>Starts the app on a real loopback port (Kestrel), for clients outside the process such as node SDK scripts.</summary>
    public static async Task<(LanternApp App, string BaseUrl)> StartListeningAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new LanternApp(await PostgresServer.CreateDatabaseAsync(), settings);
        var port = Posix.FreePort();
        app.UseKestrel(port);
        app.StartServer();
        return (app, $"http://127.0.0.1:{port}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LANTERN_DATABASE_URL", connectionString);
        builder.UseSetting("LANTERN_SALT", "test-salt-0123456789abcdef");
        builder.UseSetting("LANGFUSE_INIT_ORG_ID", "test-org");
        builder.UseSetting("LANGFUSE_INIT_PROJECT_ID", ProjectId);
        builder.UseSetting("LANGFUSE_INIT_PROJECT_PUBLIC_KEY", PublicKey);
        builder.UseSetting("LANGFUSE_INIT_PROJECT_SECRET_KEY", SecretKey);
        // Evaluator scores arrive asynchronously and would race with tests that count stored rows; Evaluators/ turns them on.
        builder.UseSetting("LANTERN_EVALUATORS", "off");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
