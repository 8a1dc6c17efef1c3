using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace Lantern.Silo.Journal;

/// <summary>
/// One journal file: records of <c>[payload length u32][CRC-32 of the payload u32][sequence u64][payload]</c>, little
/// endian, appended by the journal's single writer. It is deleted once it is closed and every batch in it is stored.
/// </summary>
public sealed class JournalSegment
{
    public const int HeaderBytes = 16;
    private const string Prefix = "journal-";
    private readonly FileStream _file;
    private int _pending;
    private int _closed;
    private int _deleted;

    private JournalSegment(string path, FileStream file) => (Path, _file) = (path, file);

    public string Path { get; }

    public long Length => _file.Length;

    /// <summary>The file a segment starting at <paramref name="firstSequence"/> gets; names sort in sequence order.</summary>
    public static string FileName(long firstSequence) => $"{Prefix}{firstSequence.ToString("D20", CultureInfo.InvariantCulture)}.log";

    /// <summary>The sequence number of the first record a file was created for (a file may hold none).</summary>
    public static long FirstSequence(string path) =>
        long.Parse(System.IO.Path.GetFileNameWithoutExtension(path)[Prefix.Length..], CultureInfo.InvariantCulture);

    /// <summary>The journal's files in <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<string> Existing(string directory) =>
        [.. Directory.GetFiles(directory, $"{Prefix}*.log").Order(StringComparer.Ordinal)];

    public static JournalSegment Create(string directory, long firstSequence)
    {
        var path = System.IO.Path.Combine(directory, FileName(firstSequence));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        DirectorySync.Flush(directory);
        return new JournalSegment(path, file);
    }

    /// <summary>Buffers one record; <see cref="Flush"/> makes it durable.</summary>
    public void Write(long sequence, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], sequence);
        _file.Write(header);
        _file.Write(payload);
        Interlocked.Increment(ref _pending);
    }

    /// <summary>Writes what is buffered and fsyncs it.</summary>
    public void Flush() => _file.Flush(flushToDisk: true);

    /// <summary>One of this file's batches is stored.</summary>
    public void Completed()
    {
        if (Interlocked.Decrement(ref _pending) == 0 && Volatile.Read(ref _closed) == 1)
        {
            Delete();
        }
    }

    /// <summary>
    /// A write or fsync of the last <paramref name="unacknowledged"/> records failed: they will never be completed, and the
    /// file takes no more records. It goes once its acknowledged batches are stored.
    /// </summary>
    public void Abandon(int unacknowledged)
    {
        Interlocked.Add(ref _pending, -unacknowledged);
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // Closing writes out what is buffered, which may fail as the write did: nothing in it was acknowledged.
        }

        MarkClosed();
    }

    /// <summary>No more appends go here; the file goes as soon as its last batch is stored.</summary>
    public void Close()
    {
        _file.Dispose();
        MarkClosed();
    }

    private void MarkClosed()
    {
        Volatile.Write(ref _closed, 1);
        if (Volatile.Read(ref _pending) == 0)
        {
            Delete();
        }
    }

    private void Delete()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 0)
        {
            File.Delete(Path);
        }
    }
}
