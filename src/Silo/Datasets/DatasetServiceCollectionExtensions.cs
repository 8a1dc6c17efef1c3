using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Silo.Datasets;

/// <summary>Registers the dataset stores.</summary>
public static class DatasetServiceCollectionExtensions
{
    public static IServiceCollection AddLanternDatasets(this IServiceCollection services) =>
        services.AddSingleton<DatasetStore>().AddSingleton<DatasetItemStore>().AddSingleton<RunItemStore>().AddSingleton<RunComparisonQuery>();
}
