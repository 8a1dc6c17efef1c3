using System.Buffers;
using System.IO.Compression;

namespace Lantern.Api.Ingestion;

/// <summary>
/// Reads a request body (gunzipped when <c>Content-Encoding: gzip</c>) into memory, counting decompressed bytes so a
/// small compressed body cannot expand past the limit.
/// </summary>
public static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (answer 413).</summary>
    /// <exception cref="InvalidDataException">The gzip stream is corrupt.</exception>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        await using var source = encoding.Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true)
            : request.Body;
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and < 1 << 20 ? (int)request.ContentLength.Value : 64 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await source.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }
}
