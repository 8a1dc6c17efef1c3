using System.Net;
using Google.Protobuf;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Otel.OtlpBuilder;

namespace Lantern.Tests.Otel;

public sealed class OtelStorageFailureTests
{
    [Fact]
    public async Task When_spans_cannot_be_stored_the_exporter_is_told_to_retry_and_a_resend_after_recovery_stores_them()
    {
        await using var app = await LanternApp.StartAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = OtelAppFixture.Basic();
        var export = Langfuse(NewSpan(RootId, null, ("user.id", "u-1")), NewSpan(ChildId, RootId)).ToByteArray();
        await Sql.ScalarAsync<int>(app.ConnectionString, "ALTER TABLE observations RENAME TO observations_away");

        var failed = await client.SendAsync(OtlpPost.Protobuf(export));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        await Sql.ScalarAsync<int>(app.ConnectionString, "ALTER TABLE observations_away RENAME TO observations");
        var resent = await client.SendAsync(OtlpPost.Protobuf(export));
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM observations"));
        Assert.Equal("u-1", await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT user_id FROM traces WHERE id = $1", TraceId));
    }
}
