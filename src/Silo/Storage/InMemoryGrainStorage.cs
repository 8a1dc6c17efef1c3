using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Lantern.Contracts.Runtime;

namespace Lantern.Silo.Storage;

/// <summary>
/// Grain storage in process memory, for runtime unit tests only. It serializes like the PostgreSQL provider,
/// so a test cannot pass by sharing object references that real storage would not share.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, string), (string Json, long Version)> _rows = new();

    public int Count => _rows.Count;

    public Task<StoredState<TState>?> ReadAsync<TState>(string grainType, string key, CancellationToken cancellationToken)
        where TState : class =>
        Task.FromResult(_rows.TryGetValue((grainType, key), out var row)
            ? new StoredState<TState>(JsonSerializer.Deserialize<TState>(row.Json, GrainStateJson.Options)!, Etag(row.Version))
            : null);

    public Task<string> WriteAsync<TState>(string grainType, string key, TState state, string? expectedEtag, CancellationToken cancellationToken)
        where TState : class
    {
        var json = JsonSerializer.Serialize(state, GrainStateJson.Options);
        var id = (grainType, key);
        while (true)
        {
            var exists = _rows.TryGetValue(id, out var current);
            if (Etag(exists ? current.Version : null) != expectedEtag)
            {
                throw new InconsistentStateException(grainType, key, expectedEtag, exists ? Etag(current.Version) : null);
            }

            var next = (json, (exists ? current.Version : 0L) + 1L);
            if (exists ? _rows.TryUpdate(id, next, current) : _rows.TryAdd(id, next))
            {
                return Task.FromResult(Etag(next.Item2));
            }
        }
    }

    public Task ClearAsync(string grainType, string key, string? expectedEtag, CancellationToken cancellationToken)
    {
        var id = (grainType, key);
        var exists = _rows.TryGetValue(id, out var current);
        if (Etag(exists ? current.Version : null) != expectedEtag)
        {
            throw new InconsistentStateException(grainType, key, expectedEtag, exists ? Etag(current.Version) : null);
        }

        if (exists)
        {
            _rows.TryRemove(new KeyValuePair<(string, string), (string, long)>(id, current));
        }

        return Task.CompletedTask;
    }

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static string? Etag(long? version) => version is { } v ? Etag(v) : null;
}
