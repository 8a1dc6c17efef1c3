using Lantern.Api;
using Lantern.Api.Admin;
using Lantern.Api.Auth;
using Lantern.Api.Cluster;
using Lantern.Api.Datasets;
using Lantern.Api.Guard;
using Lantern.Api.Health;
using Lantern.Api.Hosting;
using Lantern.Api.Ingestion;
using Lantern.Api.Metrics;
using Lantern.Api.Models;
using Lantern.Api.Otel;
using Lantern.Api.Privacy;
using Lantern.Api.Prompts;
using Lantern.Api.Queries;
using Lantern.Api.Rollups;
using Lantern.Api.ScoreConfigs;
using Lantern.Silo.Hosting;
using Microsoft.Extensions.Options;

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

if (args is ["rotate-key", ..])
{
    return await RotateKeyCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddLanternSilo(builder.Configuration);
builder.Services.AddLanternHealth();
builder.Services.AddLanternAuth();
builder.Services.AddLanternIngestion(builder.Configuration);
builder.Services.AddLanternClusterIngestion(builder.Configuration);
builder.Services.AddLanternQueries();
builder.Services.AddLanternRollups();
builder.Services.AddLanternOtel();
builder.Services.AddLanternGuard();
builder.Services.AddLanternRateLimiting(builder.Configuration);

var app = builder.Build();
app.UseLanternIdleCollection();
app.UseLanternClusterIngestion();
app.UseLanternRateLimiting();
app.UsePayloadDecryptionErrors();
app.MapLanternHealth();
app.MapLanternIngestion();
app.MapLanternQueries();
app.MapLanternAdmin();
app.MapLanternPiiSettings();
app.MapLanternEvaluatorSettings();
app.MapLanternModels();
app.MapLanternMetrics();
app.MapLanternRollups();
app.MapLanternOtel();
app.MapLanternPrompts();
app.MapLanternDatasets();
app.MapLanternGuard();
app.MapLanternScoreConfigs();
app.MapLanternPrivacy();
try
{
    await app.RunAsync();
}
catch (OptionsValidationException invalid)
{
    // Misconfiguration is the operator's to fix: say exactly what is wrong, without a stack trace.
    await Console.Error.WriteLineAsync($"Lantern cannot start: {string.Join("; ", invalid.Failures)}");
    return 2;
}

return 0;

/// <summary>The entry point, visible to functional tests (WebApplicationFactory).</summary>
public partial class Program;
