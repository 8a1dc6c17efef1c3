using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Lantern.Grains.Pricing;

/// <summary>
/// Finds the model definition for a provider model name among a fixed set of definitions: patterns are compiled once,
/// candidates are tried newest <see cref="ModelDefinition.StartDate"/> first (undated last, then in the given order), and
/// results (misses included) are cached per name, bounded so that arbitrary client model names cannot grow memory.
/// </summary>
public sealed class ModelMatcher
{
    /// <summary>Bounds the cost of a pathological (user-supplied) pattern on the ingestion path.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private const int MaxCachedNames = 10_000;
    private readonly (ModelDefinition Model, Regex Pattern)[] _candidates;
    private readonly ConcurrentDictionary<string, ModelDefinition?> _cache = new(StringComparer.Ordinal);

    public ModelMatcher(IEnumerable<ModelDefinition> models)
    {
        Models = [.. models];
        _candidates = [.. Models
            .Select((model, index) => (model, index))
            .OrderByDescending(m => m.model.StartDate.HasValue)
            .ThenByDescending(m => m.model.StartDate)
            .ThenBy(m => m.index)
            .Select(m => (m.model, Compile(m.model.MatchPattern)))];
    }

    public static ModelMatcher Empty { get; } = new([]);

    public IReadOnlyList<ModelDefinition> Models { get; }

    /// <summary>Compiles a match pattern the way prices are matched: case-insensitive, as Langfuse's patterns are meant.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);

    public ModelDefinition? Match(string modelName)
    {
        if (_cache.TryGetValue(modelName, out var cached))
        {
            return cached;
        }

        var match = Find(modelName);
        if (_cache.Count >= MaxCachedNames)
        {
            _cache.Clear();
        }

        _cache[modelName] = match;
        return match;
    }

    private ModelDefinition? Find(string modelName)
    {
        foreach (var (model, pattern) in _candidates)
        {
            try
            {
                if (pattern.IsMatch(modelName))
                {
                    return model;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too slow for this name does not match it; the next candidate may.
            }
        }

        return null;
    }
}
