using System.Globalization;
using Lantern.Contracts.Runtime;
using Lantern.Silo.Changes;
using Lantern.Silo.Cluster;
using Lantern.Silo.Datasets;
using Lantern.Silo.Encryption;
using Lantern.Silo.Evaluators;
using Lantern.Silo.Guard;
using Lantern.Silo.Metrics;
using Lantern.Silo.Pii;
using Lantern.Silo.Pricing;
using Lantern.Silo.Privacy;
using Lantern.Silo.Projects;
using Lantern.Silo.Prompts;
using Lantern.Silo.Runtime;
using Lantern.Silo.ScoreConfigs;
using Lantern.Silo.Storage;
using Lantern.Silo.Traces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Hosting;

/// <summary>Registers a silo: PostgreSQL, migrations, grain storage, the grain runtime and start-up tasks.</summary>
public static class SiloServiceCollectionExtensions
{
    public static IServiceCollection AddLanternSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                o.Url = configuration[DatabaseOptions.UrlKey] ?? "";
                if (configuration[DatabaseOptions.MaxAutoPrepareKey] is { } autoPrepare)
                {
                    // Anything but a whole number fails the validation below, which names the setting (no stack trace).
                    o.MaxAutoPrepare = int.TryParse(autoPrepare, NumberStyles.None, CultureInfo.InvariantCulture, out var statements) ? statements : -1;
                }
            })
            .Validate(o => o.Url.Length > 0, $"{DatabaseOptions.UrlKey} is not set: point it at PostgreSQL (postgres://user:pass@host:port/db).")
            .Validate(o => o.MaxAutoPrepare >= 0, $"{DatabaseOptions.MaxAutoPrepareKey} must be 0 (off) or a whole number of statements.")
            .ValidateOnStart();
        services.AddOptions<SecurityOptions>()
            .Configure(o =>
            {
                o.DemoMode = configuration.GetValue<bool>("LANTERN_DEMO_MODE");
                o.Salt = configuration["LANTERN_SALT"] ?? configuration["SALT"] ?? (o.DemoMode ? SecurityOptions.DemoSalt : "");
                o.AdminApiKey = configuration["LANTERN_ADMIN_API_KEY"];
            })
            .Validate(o => o.Salt.Length >= 16, "LANTERN_SALT (or SALT) must be set to at least 16 random characters; it keys the secret-key hashes.")
            .ValidateOnStart();
        services.AddOptions<InitOptions>()
            .Configure(o =>
            {
                o.OrgId = Init(configuration, "ORG_ID");
                o.OrgName = Init(configuration, "ORG_NAME");
                o.ProjectId = Init(configuration, "PROJECT_ID");
                o.ProjectName = Init(configuration, "PROJECT_NAME");
                o.PublicKey = Init(configuration, "PROJECT_PUBLIC_KEY");
                o.SecretKey = Init(configuration, "PROJECT_SECRET_KEY");
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InitOptions>, InitOptionsValidator>();

        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(NodeConnection(sp).ConnectionString).Build());
        services.AddSingleton(sp => KeyLookupDataSource.Build(NodeConnection(sp)));
        services.AddSingleton<Migrator>();
        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<SecretHasher>();
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<IChangeSubscriber>(sp => sp.GetRequiredService<ApiKeyCache>());
        services.AddSingleton<IStartupTask, InitProjectTask>();
        // The fencing is looked up at the first write: the leases' observers need the grain runtime, which needs this storage.
        services.AddSingleton<IGrainStorage>(sp => new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetService<IWriteFencing>));
        services.AddLanternMetrics(configuration);
        services.AddLanternEncryption(configuration);
        // Migrations first: hosted services start in registration order.
        services.AddHostedService<MigrationHostedService>();
        services.AddHostedService<ChangeListener>();
        services.AddGrainRuntime();
        services.AddLanternCluster(configuration);
        services.AddLanternPricing();
        services.AddLanternTraces();
        services.AddLanternPrompts();
        services.AddLanternDatasets();
        services.AddLanternPii(configuration);
        services.AddLanternEvaluators(configuration);
        services.AddLanternGuardVault(configuration);
        services.AddSingleton<ScoreConfigStore>();
        services.AddSingleton<IChangeSubscriber>(sp => sp.GetRequiredService<ScoreConfigStore>());
        services.AddLanternPrivacy(configuration);
        return services;
    }

    private static NpgsqlConnectionStringBuilder NodeConnection(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var builder = ConnectionStrings.Parse(options.Url);
        builder.MaxPoolSize = options.MaxPoolSize;
        builder.MaxAutoPrepare = options.MaxAutoPrepare;
        return builder;
    }

    private static string? Init(IConfiguration configuration, string name) =>
        configuration[$"LANTERN_INIT_{name}"] ?? configuration[$"LANGFUSE_INIT_{name}"];
}
