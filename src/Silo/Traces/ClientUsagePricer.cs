using System.Globalization;
using System.Text.Json;
using Lantern.Grains.Traces;

namespace Lantern.Silo.Traces;

/// <summary>Takes usage and cost as the client sent them (usageDetails map, legacy usage, costDetails); no price table.</summary>
public sealed class ClientUsagePricer : IObservationPricer
{
    public ObservationCost Price(string projectId, Entity observation)
    {
        var usage = new Dictionary<string, long>(StringComparer.Ordinal);
        Read(observation.Get("usage"), (k, v) => { if (k is "input" or "output" or "total") { usage[k] = (long)v; } });
        Read(observation.Get("usageDetails"), (k, v) => usage[k] = (long)v);
        var cost = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Read(observation.Get("costDetails"), (k, v) => cost[k] = v);
        if (usage.Count > 0 && !usage.ContainsKey("total"))
        {
            usage["total"] = usage.Where(u => u.Key is "input" or "output").Sum(u => u.Value);
        }

        decimal? total = cost.Count == 0 ? null : cost.TryGetValue("total", out var t) ? t : cost.Values.Sum();
        return ObservationCost.None with { UsageDetails = usage, CostDetails = cost, TotalCost = total };
    }

    private static void Read(string? raw, Action<string, decimal> add)
    {
        if (raw is null)
        {
            return;
        }

        using var document = JsonDocument.Parse(raw);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDecimal(out var value) && value >= 0)
            {
                add(property.Name, value);
            }
            else if (property.Value.ValueKind == JsonValueKind.String &&
                     decimal.TryParse(property.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
            {
                add(property.Name, parsed);
            }
        }
    }
}
