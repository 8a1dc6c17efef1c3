using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;

namespace Lantern.Api.Otel;

/// <summary>Reads a request body into memory within a byte limit, gunzipping it when <c>Content-Encoding: gzip</c>.</summary>
public static class OtlpBodyReader
{
    public static async Task<OtlpBody> ReadAsync(HttpContext http, long limit, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // The limit is enforced below (also after gunzip); the server's default must not cut in first.
            sizeFeature.MaxRequestBodySize = limit;
        }

        var gzip = request.Headers.ContentEncoding.Any(e => string.Equals(e?.Trim(), "gzip", StringComparison.OrdinalIgnoreCase));
        await using var inflater = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        var source = inflater ?? request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            return new OtlpBody(null, StatusCodes.Status400BadRequest, $"Failed to decompress request body: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }

        return new OtlpBody(buffer.ToArray(), StatusCodes.Status200OK, null);
    }

    private static OtlpBody TooLarge(long limit) =>
        new(null, StatusCodes.Status413PayloadTooLarge, $"Request body too large: the limit is {limit} bytes (after decompression). Export fewer spans per request.");
}
