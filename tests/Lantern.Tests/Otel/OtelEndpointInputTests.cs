using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Lantern.Api.Otel.Protos;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Otel;

/// <summary>What exporters get back for requests Lantern cannot store: always a 4xx that says why, never a 500.</summary>
public sealed class OtelEndpointInputTests(OtelAppFixture node) : IClassFixture<OtelAppFixture>
{
    [Fact]
    public async Task Empty_exports_are_accepted_in_both_encodings()
    {
        var json = await node.Client.SendAsync(OtlpPost.Json("{\"resourceSpans\":[]}"));
        var protobuf = await node.Client.SendAsync(OtlpPost.Protobuf(new ExportTraceServiceRequest().ToByteArray()));
        var gzipped = await node.Client.SendAsync(OtlpPost.Json("{}", gzip: true));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("{}", await json.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, protobuf.StatusCode);
        Assert.Equal("application/x-protobuf", protobuf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new ExportTraceServiceResponse(), ExportTraceServiceResponse.Parser.ParseFrom(await protobuf.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
    }

    [Fact]
    public async Task Other_content_types_are_rejected()
    {
        var response = await node.Client.SendAsync(OtlpPost.Request(Encoding.UTF8.GetBytes("{}"), "text/plain"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Invalid content type");
    }

    [Fact]
    public async Task Invalid_protobuf_is_a_400_that_says_so()
    {
        var response = await node.Client.SendAsync(OtlpPost.Protobuf([0x0a, 0xff, 0xff, 0x01, 0x02]));

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Invalid OTLP trace export");
        Assert.StartsWith("Failed to parse OTel Protobuf Trace", message);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":\"oops\"}]}]}]}")]
    [InlineData("{\"resourceSpans\":")]
    public async Task Invalid_json_is_a_400_that_says_so(string body)
    {
        var response = await node.Client.SendAsync(OtlpPost.Json(body));

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Invalid OTLP trace export");
        Assert.StartsWith("Failed to parse OTel JSON Trace", message);
    }

    [Fact]
    public async Task A_span_without_ids_rejects_the_export()
    {
        const string body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"name\":\"log-line\"}]}]}]}";

        var message = await AssertErrorAsync(await node.Client.SendAsync(OtlpPost.Json(body)), HttpStatusCode.BadRequest, "Invalid OTLP trace export");
        Assert.Contains("spanId", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_gzip_despite_its_header_is_a_400()
    {
        var request = OtlpPost.Json("{}");
        request.Content!.Headers.ContentEncoding.Add("gzip");

        var message = await AssertErrorAsync(await node.Client.SendAsync(request), HttpStatusCode.BadRequest, "Invalid request body");
        Assert.StartsWith("Failed to decompress request body", message);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_also_when_they_only_inflate_past_it()
    {
        var large = new byte[OtelAppFixture.MaxBodyBytes + 1];
        var bomb = OtlpPost.Gzip(new byte[OtelAppFixture.MaxBodyBytes * 4]);
        Assert.True(bomb.Length < OtelAppFixture.MaxBodyBytes);

        await AssertErrorAsync(await node.Client.SendAsync(OtlpPost.Protobuf(large)), HttpStatusCode.RequestEntityTooLarge, "Request body too large");
        var inflated = OtlpPost.Request(bomb, "application/x-protobuf");
        inflated.Content!.Headers.ContentEncoding.Add("gzip");
        await AssertErrorAsync(await node.Client.SendAsync(inflated), HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [Fact]
    public async Task Exports_need_the_secret_key()
    {
        var anonymous = OtlpPost.Json("{}");
        anonymous.Headers.Authorization = null;
        var wrongSecret = OtlpPost.Json("{}");
        wrongSecret.Headers.Authorization = OtelAppFixture.Basic(secretKey: "sk-lf-wrong");
        var publicOnly = OtlpPost.Json("{}");
        publicOnly.Headers.Authorization = new("Bearer", LanternApp.PublicKey);

        using var client = node.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(publicOnly)).StatusCode);
    }

    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        return body.RootElement.GetProperty("message").GetString()!;
    }
}
