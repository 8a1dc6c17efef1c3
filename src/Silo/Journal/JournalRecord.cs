namespace Lantern.Silo.Journal;

/// <summary>A batch read back from the journal's files at start-up: acknowledged, and perhaps not stored.</summary>
public sealed record JournalRecord(long Sequence, byte[] Payload);
