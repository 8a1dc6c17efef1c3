using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Journal;

/// <summary>
/// Append-only files of acknowledged batches not yet stored in PostgreSQL (see <see cref="IngestJournalOptions"/>). One
/// writer appends whatever batches are waiting and fsyncs them together (a group commit of its own, one fsync for all
/// the requests that arrived meanwhile). At start-up the files left by the previous process are read back
/// (<see cref="Recovered"/>) to be stored again; storing a batch twice changes nothing.
/// </summary>
public sealed partial class IngestJournal : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly IReadOnlyList<string> _recoveredFiles;
    private readonly List<JournalRecord> _recovered;
    private readonly ILogger<IngestJournal> _logger;
    private readonly Task _writer;
    private JournalSegment? _segment;
    private long _nextSequence;

    public IngestJournal(IngestJournalOptions options, ILogger<IngestJournal> logger)
    {
        _directory = options.Directory ?? throw new InvalidOperationException("The ingestion journal needs a directory.");
        _segmentBytes = options.SegmentBytes;
        _logger = logger;
        Directory.CreateDirectory(_directory);
        _recoveredFiles = JournalSegment.Existing(_directory);
        _recovered = [.. _recoveredFiles.SelectMany(JournalFileReader.Read)];
        // After every number used before, even by a file a crash left empty.
        _nextSequence = 1 + _recovered.Select(r => r.Sequence).Concat(_recoveredFiles.Select(JournalSegment.FirstSequence)).DefaultIfEmpty(0).Max();
        _segment = JournalSegment.Create(_directory, _nextSequence);
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>The batches the previous process had appended and maybe not stored, in the order they were appended.</summary>
    public IReadOnlyList<JournalRecord> Recovered => _recovered;

    /// <summary>Deletes the previous process's files, and forgets their batches, once every one of them is stored.</summary>
    public void RecoveredStored()
    {
        foreach (var file in _recoveredFiles)
        {
            File.Delete(file);
        }

        _recovered.Clear();
    }

    /// <summary>Appends a batch; completes once it is on disk (fsynced), with the ticket to pass to <see cref="Complete"/>.</summary>
    public Task<JournalTicket> AppendAsync(ReadOnlyMemory<byte> payload)
    {
        var append = new PendingAppend(payload);
        if (!_appends.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(IngestJournal));
        }

        return append.Appended.Task;
    }

    /// <summary>The batch is stored in PostgreSQL: its file can go once all its other batches are stored too.</summary>
    public static void Complete(JournalTicket ticket) => ticket.Segment.Completed();

    private async Task WriteAsync()
    {
        var appends = new List<PendingAppend>();
        while (await _appends.Reader.WaitToReadAsync())
        {
            while (_appends.Reader.TryRead(out var append))
            {
                appends.Add(append);
            }

            var tickets = new List<JournalTicket>(appends.Count);
            JournalSegment? written = null;
            try
            {
                written = _segment ??= JournalSegment.Create(_directory, _nextSequence);
                foreach (var append in appends)
                {
                    tickets.Add(Write(written, append.Payload));
                }

                written.Flush();
                // A full file is closed before its appends complete, so it can be deleted as soon as they are stored.
                if (written.Length >= _segmentBytes)
                {
                    _segment = JournalSegment.Create(_directory, _nextSequence);
                    written.Close();
                }

                for (var i = 0; i < appends.Count; i++)
                {
                    appends[i].Appended.SetResult(tickets[i]);
                }
            }
            catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
            {
                // Not acknowledged: the requests answer with an error and the SDKs resend. The next appends try again.
                LogAppendFailed(_logger, failed, appends.Count);
                // What this round wrote may be torn: a record appended after it would be lost at the next start, whose
                // read-back stops at the tear. So the file takes no more (it goes once its acknowledged batches are
                // stored) and the next round starts a new one.
                written?.Abandon(tickets.Count);
                _segment = _segment == written ? null : _segment;
                var notTaken = failed as IOException ?? new IOException("The ingestion journal could not be written.", failed);
                appends.ForEach(a => a.Appended.TrySetException(notTaken));
            }

            appends.Clear();
        }
    }

    private JournalTicket Write(JournalSegment segment, ReadOnlyMemory<byte> payload)
    {
        var sequence = _nextSequence++;
        segment.Write(sequence, payload.Span);
        return new JournalTicket(sequence, segment);
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writer;
        _segment?.Close();
    }

    [LoggerMessage(LogLevel.Error, "Appending {Count} batches to the ingestion journal failed; they were not acknowledged")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);

    private sealed record PendingAppend(ReadOnlyMemory<byte> Payload)
    {
        public TaskCompletionSource<JournalTicket> Appended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
