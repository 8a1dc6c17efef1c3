namespace Lantern.Contracts.Rollups;

/// <summary>
/// The body of <c>GET /metrics/usage</c>. Rollups are kept per hour, so <see cref="From"/> is the start of the oldest hour
/// counted: the window is widened down to a whole hour, never narrowed.
/// </summary>
/// <param name="Window">The requested window (5m, 1h, 24h or 7d).</param>
/// <param name="GroupBy">project, user or model.</param>
/// <param name="From">Start of the oldest hour bucket counted.</param>
/// <param name="To">When the window was read.</param>
/// <param name="Data">One row per key, highest cost first.</param>
public sealed record UsageReport(string Window, string GroupBy, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsageRow> Data);
