using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Lantern.Tests.Otel;

/// <summary>Builds OTLP/HTTP export requests as exporters send them.</summary>
public static class OtlpPost
{
    public const string Path = "/api/public/otel/v1/traces";

    public static HttpRequestMessage Protobuf(byte[] body, bool gzip = false) => Request(body, "application/x-protobuf", gzip);

    public static HttpRequestMessage Json(string body, bool gzip = false) => Request(Encoding.UTF8.GetBytes(body), "application/json", gzip);

    public static HttpRequestMessage Request(byte[] body, string contentType, bool gzip = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(body) : body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
    }

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}
