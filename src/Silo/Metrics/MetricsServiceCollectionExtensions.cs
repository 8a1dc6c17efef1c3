using Lantern.Silo.Metrics.Instruments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Silo.Metrics;

/// <summary>Registers the Prometheus exporter, the process metrics and the instrument classes other features record into.</summary>
public static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddLanternMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddOptions<MetricsOptions>()
            .Configure(o => o.MaxLabelSetsPerMetric = configuration.GetValue(MetricsOptions.MaxLabelSetsKey, o.MaxLabelSetsPerMetric))
            .Validate(o => o.MaxLabelSetsPerMetric > 0, $"{MetricsOptions.MaxLabelSetsKey} must be a positive number of label sets per metric.")
            .ValidateOnStart();
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<ProcessMetrics>();
        services.AddSingleton<StreamMetrics>();
        services.AddSingleton<CostMetrics>();
        services.AddSingleton<EvaluatorMetrics>();
        services.AddHostedService<MetricsStartup>();
        return services;
    }
}
