namespace Lantern.Silo.Encryption;

/// <summary>
/// The key that seals new values and the keys that may still open old ones (previous keys during a rotation), found by key id.
/// </summary>
public sealed class KeyRing
{
    private readonly Dictionary<string, AesGcmKey> _byId = new(StringComparer.Ordinal);

    public KeyRing(AesGcmKey? current, IEnumerable<AesGcmKey> previous)
    {
        Current = current;
        foreach (var key in previous.Prepend(current).OfType<AesGcmKey>())
        {
            _byId.TryAdd(key.KeyId, key);
        }
    }

    /// <summary>Null when no key is configured: values are stored as they come.</summary>
    public AesGcmKey? Current { get; }

    public AesGcmKey? Find(string keyId) => _byId.GetValueOrDefault(keyId);
}
