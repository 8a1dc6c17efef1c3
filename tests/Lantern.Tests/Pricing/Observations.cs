using Lantern.Grains.Traces;

namespace Lantern.Tests.Pricing;

/// <summary>Builds merged observations the way the trace grain holds them: field name to raw JSON.</summary>
internal static class Observations
{
    public static Entity Generation(string? model, string? usageDetails = null, string? usage = null, string? costDetails = null,
        string? modelParameters = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entity = new Entity { Kind = EntityKind.Observation, Id = "obs-1" };
        Set(entity, "model", model is null ? null : $"\"{model}\"");
        Set(entity, "usageDetails", usageDetails);
        Set(entity, "usage", usage);
        Set(entity, "costDetails", costDetails);
        Set(entity, "modelParameters", modelParameters);
        foreach (var (key, raw) in metadata ?? new Dictionary<string, string>())
        {
            entity.Metadata[key] = raw;
        }

        return entity;
    }

    private static void Set(Entity entity, string field, string? raw)
    {
        if (raw is not null)
        {
            entity.Values[field] = raw;
        }
    }
}
