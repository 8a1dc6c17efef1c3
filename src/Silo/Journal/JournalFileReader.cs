using System.Buffers.Binary;
using System.IO.Hashing;

namespace Lantern.Silo.Journal;

/// <summary>
/// Reads a journal file's records in order. A record cut short or with a wrong checksum ends the file: it is a write a
/// crash interrupted, which was therefore never acknowledged (a batch is acknowledged only after its fsync).
/// </summary>
public static class JournalFileReader
{
    public static List<JournalRecord> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<JournalRecord>();
        var offset = 0;
        while (bytes.Length - offset >= JournalSegment.HeaderBytes)
        {
            var header = bytes.AsSpan(offset, JournalSegment.HeaderBytes);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
            var start = offset + JournalSegment.HeaderBytes;
            if (length > bytes.Length - start || Crc32.HashToUInt32(bytes.AsSpan(start, (int)length)) != checksum)
            {
                break;
            }

            records.Add(new JournalRecord(sequence, bytes.AsSpan(start, (int)length).ToArray()));
            offset = start + (int)length;
        }

        return records;
    }
}
