namespace Lantern.Silo.Journal;

/// <summary>A batch appended to the journal: its sequence number and the file holding it, for <see cref="IngestJournal.Complete"/>.</summary>
public sealed record JournalTicket(long Sequence, JournalSegment Segment);
