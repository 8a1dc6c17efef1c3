using System.Text.Json;
using Lantern.Silo.Changes;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Per-project evaluator thresholds in <c>projects.settings.evaluators</c> (<c>{"thresholds": {"toxicity": 0.8}}</c>), so a
/// project that tolerates rough language or wants stricter injection checks sets its own verdict line. Cached like keys:
/// a change on any node is evicted on every node as it commits.
/// </summary>
public sealed class EvaluatorThresholdStore(NpgsqlDataSource dataSource, TimeProvider time) : IChangeSubscriber
{
    public const string SettingKey = "evaluators";
    private readonly NotifiedCache<string, IReadOnlyDictionary<string, float>> _thresholds = new(time);

    public string Channel => ProjectChanges.Channel;

    /// <summary>The evaluators with the project's own thresholds where it set one.</summary>
    public async ValueTask<IReadOnlyList<Evaluator>> ForProjectAsync(string projectId, IReadOnlyList<Evaluator> evaluators, CancellationToken cancellationToken)
    {
        var thresholds = await GetAsync(projectId, cancellationToken);
        return thresholds.Count == 0
            ? evaluators
            : [.. evaluators.Select(e => thresholds.TryGetValue(e.Name, out var threshold) ? e with { Threshold = threshold } : e)];
    }

    public ValueTask<IReadOnlyDictionary<string, float>> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _thresholds.GetAsync(projectId, ct => LoadAsync(projectId, ct), cancellationToken);

    public void Changed(string payload) => _thresholds.Evict(payload);

    public void Clear() => _thresholds.Clear();

    /// <summary>Replaces the project's thresholds; false when there is no such project.</summary>
    public async Task<bool> SetAsync(string projectId, IReadOnlyDictionary<string, float> thresholds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE projects SET settings = settings || jsonb_build_object($2::text, $3::jsonb) WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = SettingKey });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(new { thresholds }), NpgsqlDbType = NpgsqlDbType.Jsonb });
        var updated = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        _thresholds.Evict(projectId);
        return updated;
    }

    private async Task<IReadOnlyDictionary<string, float>> LoadAsync(string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT settings->$2->'thresholds' FROM projects WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = SettingKey });
        return await command.ExecuteScalarAsync(cancellationToken) is string stored
            ? JsonSerializer.Deserialize<Dictionary<string, float>>(stored) ?? []
            : new Dictionary<string, float>();
    }
}
