using System.Text.Json;
using Lantern.Grains.Pricing;
using Npgsql;

namespace Lantern.Silo.Pricing;

/// <summary>Data access for project model definitions (0010_models.sql) and the project setting for built-in prices.</summary>
public sealed class PostgresModelStore(NpgsqlDataSource dataSource)
{
    /// <summary>The key in <c>projects.settings</c>; <c>false</c> switches the built-in price table off for the project.</summary>
    public const string BuiltInPricesSetting = "builtInModelPrices";

    private const string Columns = "id, project_id, model_name, match_pattern, start_date, unit, pricing_tiers, tokenizer_id, tokenizer_config, created_at";

    public Task<List<ModelDefinition>> ListAllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM models ORDER BY project_id, created_at, id", cancellationToken);

    public Task<List<ModelDefinition>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM models WHERE project_id = $1 ORDER BY model_name, start_date DESC NULLS LAST, id", cancellationToken, projectId);

    public async Task<ModelDefinition?> GetAsync(string projectId, string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM models WHERE project_id = $1 AND id = $2", cancellationToken, projectId, id)).FirstOrDefault();

    /// <returns>False when the project has a model with the same name, start date and unit already.</returns>
    public async Task<bool> CreateAsync(ModelDefinition model, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO models (id, project_id, model_name, match_pattern, start_date, unit, prices, pricing_tiers, tokenizer_id, tokenizer_config, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10::jsonb, $11)
            ON CONFLICT DO NOTHING
            """);
        Add(command, model.Id, model.ProjectId, model.ModelName, model.MatchPattern, model.StartDate, model.Unit,
            PricesJson(model.DefaultTier?.Prices ?? new Dictionary<string, decimal>()), PriceTableJson.TiersToJson(model.Tiers),
            model.TokenizerId, model.TokenizerConfigJson, model.CreatedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM models WHERE project_id = $1 AND id = $2");
        Add(command, projectId, id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Switches the built-in price table on or off for a project (stored in <c>projects.settings</c>).</summary>
    public async Task<bool> SetBuiltInPricesAsync(string projectId, bool enabled, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE projects SET settings = settings || jsonb_build_object($2::text, $3::boolean) WHERE id = $1");
        Add(command, projectId, BuiltInPricesSetting, enabled);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<HashSet<string>> ProjectsWithoutBuiltInPricesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM projects WHERE settings->$1 = 'false'::jsonb");
        Add(command, BuiltInPricesSetting);
        var projects = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            projects.Add(reader.GetString(0));
        }

        return projects;
    }

    /// <summary>A counter that moves on every change to models or project settings (a trigger keeps it).</summary>
    public async Task<long> RevisionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT revision FROM model_revision WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<ModelDefinition>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        Add(command, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var models = new List<ModelDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var tiers = JsonDocument.Parse(reader.GetString(6));
            models.Add(new ModelDefinition(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                PriceTableJson.ReadTiers(tiers.RootElement)));
        }

        return models;
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    private static string PricesJson(IReadOnlyDictionary<string, decimal> prices)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PriceTableJson.WritePrices(writer, prices);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
