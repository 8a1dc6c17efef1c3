using Lantern.Grains.Evaluations;
using Lantern.Silo.Changes;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Onnx;
using Lantern.Silo.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Registers the evaluators: the models, the evaluation stream, the publisher trace grains call after each commit, and
/// the worker. The host supplies <see cref="IEvaluationScoreSink"/>.
/// </summary>
public static class EvaluatorServiceCollectionExtensions
{
    public const string StreamName = "evaluations";

    public static IServiceCollection AddLanternEvaluators(this IServiceCollection services, IConfiguration configuration)
    {
        var switchValue = configuration["LANTERN_EVALUATORS"]?.Trim().ToLowerInvariant();
        var workerValue = configuration["LANTERN_EVALUATOR_WORKER"]?.Trim().ToLowerInvariant();
        services.AddOptions<EvaluatorOptions>()
            .Configure(o =>
            {
                o.Enabled = !IsOff(switchValue);
                o.ModelsDirectory = configuration["LANTERN_MODELS_DIR"];
                o.LibraryPath = configuration[OrtRuntime.PathVariable];
                o.QueueCapacity = configuration.GetValue("LANTERN_EVALUATOR_QUEUE", o.QueueCapacity);
                o.BatchSize = configuration.GetValue("LANTERN_EVALUATOR_BATCH", o.BatchSize);
                o.BacklogCapacity = configuration.GetValue("LANTERN_EVALUATOR_BACKLOG", o.BacklogCapacity);
                o.ScoreSharedQueue = !IsOff(workerValue);
            })
            .Validate(_ => IsSwitch(switchValue), "LANTERN_EVALUATORS must be on or off.")
            .Validate(_ => IsSwitch(workerValue), "LANTERN_EVALUATOR_WORKER must be on or off.")
            .Validate(o => o.QueueCapacity >= 1, "LANTERN_EVALUATOR_QUEUE must be at least 1.")
            .Validate(o => o.BatchSize >= 1, "LANTERN_EVALUATOR_BATCH must be at least 1.")
            .Validate(o => o.BacklogCapacity >= 0, "LANTERN_EVALUATOR_BACKLOG must be at least 0.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => EvaluatorLoader.Load(
            sp.GetRequiredService<IOptions<EvaluatorOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EvaluatorSet))));
        // A cluster silo registered the broker's stream already (ClusterServiceCollectionExtensions).
        services.TryAddSingleton<IMessageStream<EvaluationRequest>>(sp => new InMemoryStream<EvaluationRequest>(
            StreamName, sp.GetRequiredService<IOptions<EvaluatorOptions>>().Value.QueueCapacity, sp.GetRequiredService<StreamMetrics>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEvaluationPublisher>(sp => sp.GetRequiredService<EvaluatorSet>().Enabled
            ? ActivatorUtilities.CreateInstance<StreamEvaluationPublisher>(sp)
            : NullEvaluationPublisher.Instance);
        services.AddSingleton<EvaluatorThresholdStore>();
        services.AddSingleton<IChangeSubscriber>(sp => sp.GetRequiredService<EvaluatorThresholdStore>());
        services.AddSingleton<EvaluationBacklog>();
        services.AddHostedService<EvaluationWorker>();
        services.AddHostedService<EvaluationCatchUp>();
        return services;
    }

    // An on/off setting: unset means on.
    private static bool IsSwitch(string? value) => value is null or "on" or "off" or "true" or "false" or "1" or "0";

    private static bool IsOff(string? value) => value is "off" or "false" or "0";
}
