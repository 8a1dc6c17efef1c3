using Lantern.Tools;

namespace Lantern.QueryBench;

/// <summary>Command-line options: a running node to measure (or a database to start one on) and the workload's size.</summary>
internal sealed record BenchOptions(
    string? Url, string PublicKey, string SecretKey, string? ApiDll, int Traces, int Requests, int Concurrency)
{
    public const string Usage = """
        usage: Lantern.QueryBench [--url http://host:port --public-key pk-lf-... --secret-key sk-lf-...]
                                  [--api-dll path/to/Lantern.Api.dll] [--traces 20000] [--requests 2000] [--concurrency 1]
        Without --url, starts Lantern.Api.dll on a free port against LANTERN_DATABASE_URL (see tools/Lantern.QueryBench/bench.sh).
        """;

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        if (OptionValues.Read(args, out error) is not { } values)
        {
            return null;
        }

        var traces = OptionValues.Number(values, "traces", 20_000, ref error);
        var requests = OptionValues.Number(values, "requests", 2_000, ref error);
        var concurrency = OptionValues.Number(values, "concurrency", 1, ref error);
        return error is null
            ? new BenchOptions(
                values.GetValueOrDefault("url"),
                values.GetValueOrDefault("public-key", "pk-lf-bench"),
                values.GetValueOrDefault("secret-key", "sk-lf-bench-secret"),
                values.GetValueOrDefault("api-dll"),
                traces,
                requests,
                concurrency)
            : null;
    }
}
