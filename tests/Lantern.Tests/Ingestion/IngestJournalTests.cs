using System.Text;
using Lantern.Silo.Journal;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lantern.Tests.Ingestion;

public sealed class IngestJournalTests
{
    [Fact]
    public async Task Appended_batches_are_read_back_in_order_by_the_next_start_and_a_write_cut_short_is_not()
    {
        var directory = TestWorkDirectory.Create("journal-");
        await using (var journal = Open(directory))
        {
            foreach (var text in new[] { "first", "second", "third" })
            {
                await journal.AppendAsync(Encoding.UTF8.GetBytes(text));
            }
        }

        // A crash in the middle of a write: a header promising more bytes than follow.
        var file = JournalSegment.Existing(directory).Single();
        await File.AppendAllBytesAsync(file, [.. new byte[] { 100, 0, 0, 0, 1, 2, 3, 4, 9, 0, 0, 0, 0, 0, 0, 0 }, .. Encoding.UTF8.GetBytes("cut")],
            TestContext.Current.CancellationToken);

        await using var next = Open(directory);
        Assert.Equal(["first", "second", "third"], next.Recovered.Select(r => Encoding.UTF8.GetString(r.Payload)));
        Assert.Equal([1L, 2L, 3L], next.Recovered.Select(r => r.Sequence));
        Assert.Equal(4, (await next.AppendAsync(new byte[] { 1 })).Sequence);

        next.RecoveredStored();
        Assert.DoesNotContain(file, JournalSegment.Existing(directory));
    }

    [Fact]
    public async Task After_an_append_fails_the_next_ones_go_to_a_new_file_and_are_read_back_by_the_next_start()
    {
        var directory = TestWorkDirectory.Create("journal-");
        await using (var journal = Open(directory, segmentBytes: 10))
        {
            // The file the journal moves on to after its first one cannot be created: that append is not acknowledged.
            var blocker = Path.Combine(directory, JournalSegment.FileName(2));
            await File.WriteAllBytesAsync(blocker, [], TestContext.Current.CancellationToken);
            await Assert.ThrowsAsync<IOException>(() => journal.AppendAsync(Encoding.UTF8.GetBytes("not acknowledged")));

            File.Delete(blocker);
            var acknowledged = await journal.AppendAsync(Encoding.UTF8.GetBytes("acknowledged"));
            Assert.Equal(Path.Combine(directory, JournalSegment.FileName(2)), acknowledged.Segment.Path);
        }

        // The failed file held nothing acknowledged, so it is gone; what was acknowledged after the failure is read back.
        await using var next = Open(directory);
        Assert.Equal(["acknowledged"], next.Recovered.Select(r => Encoding.UTF8.GetString(r.Payload)));
    }

    [Fact]
    public async Task A_record_whose_bytes_changed_on_disk_ends_what_is_read_back()
    {
        var directory = TestWorkDirectory.Create("journal-");
        await using (var journal = Open(directory))
        {
            await journal.AppendAsync(Encoding.UTF8.GetBytes("kept"));
            await journal.AppendAsync(Encoding.UTF8.GetBytes("damaged"));
        }

        var file = JournalSegment.Existing(directory).Single();
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);

        await using var next = Open(directory);
        Assert.Equal(["kept"], next.Recovered.Select(r => Encoding.UTF8.GetString(r.Payload)));
    }

    [Fact]
    public async Task A_full_file_is_deleted_once_every_batch_in_it_is_stored_and_not_before()
    {
        var directory = TestWorkDirectory.Create("journal-");
        await using var journal = Open(directory, segmentBytes: 10);

        var first = await journal.AppendAsync(Encoding.UTF8.GetBytes("fills the first file"));
        var second = await journal.AppendAsync(Encoding.UTF8.GetBytes("fills the second file"));
        Assert.Equal(3, JournalSegment.Existing(directory).Count);

        IngestJournal.Complete(second);
        Assert.Equal([first.Segment.Path, JournalSegment.Existing(directory)[^1]], JournalSegment.Existing(directory));
        IngestJournal.Complete(first);
        Assert.Single(JournalSegment.Existing(directory));
    }

    [Fact]
    public async Task A_file_a_crash_left_empty_does_not_stop_the_next_start()
    {
        var directory = TestWorkDirectory.Create("journal-");
        await File.WriteAllBytesAsync(Path.Combine(directory, JournalSegment.FileName(1)), [], TestContext.Current.CancellationToken);

        await using var journal = Open(directory);

        Assert.Empty(journal.Recovered);
        Assert.Equal(2, (await journal.AppendAsync(new byte[] { 1 })).Sequence);
    }

    private static IngestJournal Open(string directory, long segmentBytes = 16 << 20) =>
        new(new IngestJournalOptions { Directory = directory, SegmentBytes = segmentBytes }, NullLogger<IngestJournal>.Instance);
}
