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
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var gzip = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;

        // A plain body has exactly its Content-Length (the server enforces it): one buffer of that size, and no read
        // past it that would grow a full buffer only to find the end.
        var length = gzip ? null : request.ContentLength;
        var body = new PooledBody(length is > 0 ? (int)length.Value : 64 * 1024);
        while (body.Length != length)
        {
            var read = await source.ReadAsync(body.FreeSpace(), cancellationToken);
            if (read == 0)
            {
                break;
            }

            body.Advance(read);
            if (body.Length > maxBytes)
            {
                body.Release();
                return null;
            }
        }

        return body;
    }
}
