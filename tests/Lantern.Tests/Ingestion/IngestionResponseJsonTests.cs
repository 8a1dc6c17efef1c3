using System.Text;
using System.Text.Json;
using Lantern.Api.Ingestion;
using Lantern.Contracts.Ingestion;
using Microsoft.AspNetCore.Http;

namespace Lantern.Tests.Ingestion;

/// <summary>
/// The 207 answer, written by the generated serializer, is byte for byte what the API's reflection-based web serializer
/// wrote before: SDKs read <c>successes</c> and <c>errors</c> by these names, and absent details stay absent.
/// </summary>
public sealed class IngestionResponseJsonTests
{
    [Fact]
    public async Task The_multi_status_answer_is_written_exactly_as_the_web_serializer_writes_it()
    {
        var response = new IngestionResponse(
            [new("event-1", 201), new("évènement \"2\" <b>", 201)],
            [new("event-3", 400, "Invalid request data", "body.name: expected a string, received a number"), new("unknown", 500, null, null)]);
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;

        await new MultiStatusResult(response).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status207MultiStatus, http.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", http.Response.ContentType);
        var written = Encoding.UTF8.GetString(body.ToArray());
        Assert.Equal(JsonSerializer.Serialize(response, JsonSerializerOptions.Web), written);
        Assert.Equal(
            """
            {"successes":[{"id":"event-1","status":201},{"id":"\u00E9v\u00E8nement \u00222\u0022 \u003Cb\u003E","status":201}],
            "errors":[{"id":"event-3","status":400,"message":"Invalid request data","error":"body.name: expected a string, received a number"},
            {"id":"unknown","status":500}]}
            """.ReplaceLineEndings(""),
            written);
    }
}
