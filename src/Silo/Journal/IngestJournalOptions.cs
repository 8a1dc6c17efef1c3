namespace Lantern.Silo.Journal;

/// <summary>
/// The ingestion journal of a single node (LANTERN_INGEST_JOURNAL_DIR): when set, a batch is acknowledged once it is
/// appended and fsynced there, and stored in PostgreSQL right after; unset, once it is committed to PostgreSQL.
/// </summary>
public sealed class IngestJournalOptions
{
    /// <summary>The directory of the journal's files; null: no journal.</summary>
    public string? Directory { get; set; }

    /// <summary>A file is closed for appends past this size, and deleted once all its batches are stored.</summary>
    public long SegmentBytes { get; set; } = 16 << 20;

    /// <summary>
    /// Bytes of batches acknowledged but not yet stored, at most (LANTERN_INGEST_JOURNAL_MAX_PENDING_BYTES, default 3 MiB,
    /// about 7 batches of 300 events): past it a request waits for room, so a slow or unreachable PostgreSQL slows
    /// ingestion down instead of filling memory, and at full load the commits are not handed more than they can take.
    /// </summary>
    public long MaxPendingBytes { get; set; } = 3 << 20;
}
