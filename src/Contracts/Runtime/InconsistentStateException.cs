namespace Lantern.Contracts.Runtime;

/// <summary>A write was made from a stale copy of a grain's state: another writer stored a newer version first.</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception for the grain and the versions involved.</summary>
    public InconsistentStateException(string grainType, string key, string? expectedEtag, string? storedEtag)
        : base($"State of {grainType}/{key} was written by someone else: expected version {expectedEtag ?? "(none)"}, " +
               $"storage holds {storedEtag ?? "(none)"}. Re-read the state before writing.")
    {
        GrainType = grainType;
        Key = key;
        ExpectedEtag = expectedEtag;
        StoredEtag = storedEtag;
    }

    /// <summary>The grain type name.</summary>
    public string GrainType { get; }

    /// <summary>The grain key.</summary>
    public string Key { get; }

    /// <summary>The version the writer held.</summary>
    public string? ExpectedEtag { get; }

    /// <summary>The version in storage, or null when the row is gone.</summary>
    public string? StoredEtag { get; }
}
