using System.Collections.Concurrent;
using System.Text.Json;
using Lantern.Grains.Pii;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Pii;

/// <summary>
/// Per-project masking policies in <c>projects.settings.pii</c>, cached so ingestion pays no round trip. The node that
/// changes a policy evicts at once; other nodes pick the change up within the cache lifetime (30 s), as with keys.
/// </summary>
public sealed class PiiPolicyStore(NpgsqlDataSource dataSource, IOptions<PiiOptions> options, TimeProvider time)
{
    public const string SettingKey = "pii";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (PiiPolicy Policy, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public PiiPolicy Default { get; } = new(options.Value.DefaultMode, PiiPolicy.DefaultKinds);

    public async ValueTask<PiiPolicy> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(projectId, out var entry) && entry.Expires > now)
        {
            return entry.Policy;
        }

        var policy = await LoadAsync(projectId, cancellationToken) ?? Default;
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[projectId] = (policy, now + Lifetime);
        return policy;
    }

    /// <summary>Stores the project's policy; false when there is no such project.</summary>
    public async Task<bool> SetAsync(string projectId, PiiPolicy policy, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE projects SET settings = settings || jsonb_build_object($2::text, $3::jsonb) WHERE id = $1");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = SettingKey });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(policy.ToJson()), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        var updated = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        _entries.TryRemove(projectId, out _);
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
