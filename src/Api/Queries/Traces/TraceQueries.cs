using Lantern.Api.Queries.Observations;
using Lantern.Api.Queries.Scores;
using Lantern.Api.Rollups;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;
using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries.Traces;

/// <summary>Reads traces from PostgreSQL; every query is bounded by project and served by an index.</summary>
public sealed class TraceQueries(NpgsqlDataSource dataSource, IGrainFactory grains, RollupViewFreshness freshness, PayloadCipher cipher)
{
    public async Task<Paged<TraceView>> ListAsync(TraceListRequest request, CancellationToken cancellationToken)
    {
        var where = request.Where;
        // An unfiltered list's total is the project's trace count, which its rollup holds: counting rows would read the
        // whole project index on every page (0.5 s at 450k traces).
        var total = where.IsProjectOnly
            ? await ProjectTracesAsync(where.ProjectId)
            : await CountAsync("traces t", where, cancellationToken);
        var sql = $"SELECT {TraceRows.Columns} FROM traces t {where.Clause} ORDER BY {request.OrderBy}, t.id " +
                  $"LIMIT {where.Parameter(request.Page.Limit)} OFFSET {where.Parameter(request.Page.Offset)}";
        var traces = new List<TraceView>(Math.Min(request.Page.Limit, 1000));
        await using (var command = where.Command(dataSource, sql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                traces.Add(request.Fields.Apply(TraceRows.Read(reader, cipher)));
            }
        }

        return new Paged<TraceView>(traces, PageMeta.Of(request.Page, total));
    }

    public async Task<TraceDetailView?> GetAsync(string projectId, string traceId, TraceFields fields, CancellationToken cancellationToken)
    {
        var where = new SqlWhere("t.project_id", projectId).Add("t.id = {0}", traceId);
        TraceView? trace = null;
        await using (var command = where.Command(dataSource, $"SELECT {TraceRows.Columns} FROM traces t {where.Clause}"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                trace = fields.Apply(TraceRows.Read(reader, cipher));
            }
        }

        if (trace is null)
        {
            return null;
        }

        var observations = fields.Observations
            ? await ReadAsync($"SELECT {ObservationRows.Columns} FROM observations WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, id",
                projectId, traceId, r => ObservationRows.Read(r, cipher), cancellationToken)
            : [];
        var scores = fields.Scores
            ? await ReadAsync($"SELECT {ScoreRows.Columns} FROM scores WHERE project_id = $1 AND trace_id = $2 ORDER BY timestamp, id",
                projectId, traceId, r => ScoreRows.Read(r, cipher), cancellationToken)
            : [];
        return TraceDetailView.Of(trace, observations, scores);
    }

    public async Task<long> CountAsync(string from, SqlWhere where, CancellationToken cancellationToken)
    {
        await using var command = where.Command(dataSource, $"SELECT count(*) FROM {from} {where.Clause}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The project grain's trace count. In a cluster only the owner of the project key's partition gets every silo's
    /// changes; anywhere else (an api pod, another silo) the grain reads the project's rows first.
    /// </summary>
    private async Task<long> ProjectTracesAsync(string projectId)
    {
        var grainKey = $"{projectId}/";
        var project = grains.GetGrain<IProjectGrain>(grainKey);
        await freshness.EnsureAsync(project, grainKey);
        return (await project.GetSummaryAsync(null, null)).Traces;
    }

    private async Task<List<T>> ReadAsync<T>(string sql, string projectId, string traceId, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        command.Parameters.Add(new NpgsqlParameter { Value = traceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
