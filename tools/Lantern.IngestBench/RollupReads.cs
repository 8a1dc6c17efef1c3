namespace Lantern.IngestBench;

/// <summary>
/// The node's own durations of the rollup reads the prober makes (from its request histogram), beside the client's: on a
/// box the client shares, they say whether a tail is the node's or the client's.
/// </summary>
internal sealed record RollupReads(ServerHistogram Users, ServerHistogram Sessions)
{
    public const string UserRoute = "/api/public/users/{userId}";
    public const string SessionRoute = "/api/public/sessions/{sessionId}/summary";

    public static async Task<RollupReads> ScrapeAsync(HttpClient http) =>
        new(await ServerHistogram.ScrapeReadsAsync(http, UserRoute), await ServerHistogram.ScrapeReadsAsync(http, SessionRoute));

    public RollupReads Minus(RollupReads before) => new(Users.Minus(before.Users), Sessions.Minus(before.Sessions));
}
