using System.Text.Json;
using Lantern.Grains.Pii;
using Lantern.Silo.Changes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Pii;

/// <summary>
/// Per-project masking policies in <c>projects.settings.pii</c>, cached so ingestion pays no round trip. A policy changed
/// on any node is evicted on every node as the change commits (<see cref="NotifiedCache{TKey, TValue}"/>), so no node goes
/// on storing what a project has just asked to mask.
/// </summary>
public sealed class PiiPolicyStore(NpgsqlDataSource dataSource, IOptions<PiiOptions> options, TimeProvider time) : IChangeSubscriber
{
    public const string SettingKey = "pii";
    private readonly NotifiedCache<string, PiiPolicy> _policies = new(time);

    public PiiPolicy Default { get; } = new(options.Value.DefaultMode, PiiPolicy.DefaultKinds);

    public string Channel => ProjectChanges.Channel;

    public ValueTask<PiiPolicy> GetAsync(string projectId, CancellationToken cancellationToken) =>
        _policies.GetAsync(projectId, async ct => await LoadAsync(projectId, ct) ?? Default, cancellationToken);

    public void Changed(string payload) => _policies.Evict(payload);

    public void Clear() => _policies.Clear();

    /// <summary>Stores the project's policy; false when there is no such project.</summary>
    public async Task<bool> SetAsync(string projectId, PiiPolicy policy, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE projects SET settings = settings || jsonb_build_object($2::text, $3::jsonb) WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = SettingKey });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(policy.ToJson()), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        var updated = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        _policies.Evict(projectId);
        return updated;
    }

    private async Task<PiiPolicy?> LoadAsync(string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT settings->$2 FROM projects WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = SettingKey });
        if (await command.ExecuteScalarAsync(cancellationToken) is not string stored)
        {
            return null;
        }

        using var json = JsonDocument.Parse(stored);
        // A hand-edited, unreadable policy masks everything rather than storing data its owner meant to mask.
        return PiiPolicy.TryParse(json.RootElement, out var policy) is null ? policy : new PiiPolicy(PiiMode.Redact, PiiKind.All);
    }
}
