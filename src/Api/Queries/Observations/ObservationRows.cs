using System.Text.Json;
using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries.Observations;

/// <summary>Maps an <c>observations</c> row to its Langfuse read shape.</summary>
public static class ObservationRows
{
    public const string Columns = """
        project_id, id, trace_id, type, name, start_time, end_time, completion_start_time, parent_observation_id, level,
        status_message, version, environment, model, model_parameters, input, output, metadata, usage_details, cost_details,
        total_cost, internal_model_id, pricing_tier_id, pricing_tier_name, input_price, output_price, total_price, prompt_name,
        prompt_version, created_at, updated_at
        """;

    public static ObservationView Read(NpgsqlDataReader reader, PayloadCipher cipher)
    {
        var usage = Map(reader.Text("usage_details"), e => e.GetInt64());
        var cost = Map(reader.Text("cost_details"), e => e.GetDecimal());
        var start = reader.Time("start_time")!.Value;
        var end = reader.Time("end_time");
        var firstToken = reader.Time("completion_start_time");
        var input = Sum(usage, "input");
        var output = Sum(usage, "output");
        var total = usage.TryGetValue("total", out var t) ? t : input + output;
        return new ObservationView(
            reader.GetString(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("trace_id")), reader.GetString(reader.GetOrdinal("project_id")),
            reader.GetString(reader.GetOrdinal("type")), reader.Text("name"), start, end, firstToken, reader.Text("model"),
            reader.Json("model_parameters"), reader.Payload(cipher, "observations", "input"), reader.Payload(cipher, "observations", "output"), reader.Payload(cipher, "observations", "metadata"), reader.Text("version"),
            reader.GetString(reader.GetOrdinal("level")), reader.Text("status_message"), reader.Text("parent_observation_id"), null,
            reader.Text("prompt_name"), reader.Value<int>("prompt_version"), new ObservationUsage(input, output, total, "TOKENS"), usage, cost,
            reader.GetString(reader.GetOrdinal("environment")), reader.Text("internal_model_id"), reader.Decimal("input_price"),
            reader.Decimal("output_price"), reader.Decimal("total_price"),
            cost.Count == 0 ? null : SumCost(cost, "input"), cost.Count == 0 ? null : SumCost(cost, "output"), reader.Decimal("total_cost"),
            end is null ? null : (end.Value - start).TotalSeconds, firstToken is null ? null : (firstToken.Value - start).TotalSeconds,
            reader.Text("pricing_tier_id"), reader.Text("pricing_tier_name"), input, output, total, "TOKENS",
            reader.Time("created_at")!.Value, reader.Time("updated_at")!.Value);
    }

    private static Dictionary<string, T> Map<T>(string? json, Func<JsonElement, T> read)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        if (json is null)
        {
            return map;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
        {
            map[property.Name] = read(property.Value);
        }

        return map;
    }

    private static long Sum(Dictionary<string, long> usage, string part) =>
        usage.Where(u => u.Key.Contains(part, StringComparison.Ordinal)).Sum(u => u.Value);

    private static decimal SumCost(Dictionary<string, decimal> cost, string part) =>
        cost.Where(c => c.Key.Contains(part, StringComparison.Ordinal)).Sum(c => c.Value);
}
