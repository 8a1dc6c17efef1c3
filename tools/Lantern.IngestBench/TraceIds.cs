namespace Lantern.IngestBench;

/// <summary>
/// The run's trace ids, <c>&lt;run id&gt;-&lt;key&gt;-&lt;index&gt;</c>; a trace's observations are its id with a suffix.
/// The SDKs send random ids (UUIDs, or OpenTelemetry's random trace and span ids), so a server's inserts into every index
/// on an id land on random leaf pages, and after each checkpoint write each page whole to the WAL the first time they
/// change it. With <c>--ids random</c> (the default) the key is a hash of the index, so the benchmark's land at random too;
/// with <c>--ids sequential</c> it is the index itself, zero-padded, so consecutive traces share leaf pages, as every
/// round before 29 measured (its ids were <c>&lt;run id&gt;-&lt;index&gt;</c>). Both keys are 16 characters, so
/// the indexes are the same size. The index stays in the id so that an acknowledged id says which rows must be stored and
/// SQL can pick out the measured load's rows (<see cref="IndexSql"/>).
/// </summary>
internal sealed class TraceIds(string runId, bool random)
{
    public string RunId => runId;

    public string Of(long index) => $"{runId}-{Key(index)}-{index}";

    /// <summary>SQL for the index in an id column's value.</summary>
    public static string IndexSql(string column) => $"split_part({column}, '-', 3)::bigint";

    private string Key(long index) => random ? Scatter((ulong)index).ToString("x16") : index.ToString("D16");

    // SplitMix64's step (its increment, then its mix): a bijection, so no two indexes share a key, and consecutive indexes
    // land far apart.
    private static ulong Scatter(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
