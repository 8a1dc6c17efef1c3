namespace Lantern.Grains.Pii;

/// <summary>What masking does with a detected value before it is stored.</summary>
public enum PiiMode
{
    /// <summary>Store values as sent.</summary>
    Off,

    /// <summary>Replace each value with its kind, e.g. <c>[EMAIL]</c>.</summary>
    Redact,

    /// <summary>Replace each value with its kind and a keyed hash, e.g. <c>[EMAIL:3f9a0c1d2e4b]</c>, so equal values still group.</summary>
    Hash,
}
