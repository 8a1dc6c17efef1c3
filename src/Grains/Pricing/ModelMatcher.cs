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
            .Select(m => (m.model, CompileOrNever(m.model.MatchPattern, caseSensitive: false)))];
    }

    public static ModelMatcher Empty { get; } = new([]);

    public IReadOnlyList<ModelDefinition> Models { get; }

    /// <summary>Whether a pattern compiles (checked when a model is created, without paying for compilation).</summary>
    public static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, MatchTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Compiles a stored pattern; one that does not compile (stored before validation, or by hand) never matches.</summary>
    public static Regex CompileOrNever(string pattern, bool caseSensitive)
    {
        var options = (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase) | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        try
        {
            return new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return new Regex("(?!)", options, MatchTimeout);
        }
    }

    /// <summary>A match that takes longer than <see cref="MatchTimeout"/> counts as no match rather than failing the caller.</summary>
    public static bool IsMatch(Regex pattern, string input)
    {
        try
        {
            return pattern.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

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
            if (IsMatch(pattern, modelName))
            {
                return model;
            }
        }

        return null;
    }
}
