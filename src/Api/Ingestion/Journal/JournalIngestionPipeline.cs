using Lantern.Contracts.Ingestion;
using Lantern.Silo.Journal;

namespace Lantern.Api.Ingestion.Journal;

/// <summary>
/// The single node's write path with a journal (<see cref="IngestJournalOptions"/>): a batch is checked, masked and routed
/// as without one, appended to the journal, and acknowledged once the journal has fsynced it, while its grains store it
/// in PostgreSQL. The acknowledgement no longer waits for a group commit (nor for the commits queued before it); a read
/// right after it may not see the events yet, as in a cluster, where the broker plays the journal's part.
/// </summary>
public sealed class JournalIngestionPipeline(
    IngestionPreparation preparation, IngestJournal journal, JournalApplier applier, JournalBacklog backlog, IngestionMetrics metrics)
    : IIngestionPipeline
{
    public async Task<IngestionResponse> IngestAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        var (stored, rejected, routes) = await preparation.PrepareAsync(projectId, events, cancellationToken);
        if (routes.Traces.Count + routes.Scores.Count > 0 && !await JournalAsync(projectId, routes, cancellationToken))
        {
            return Failed(projectId, stored, rejected);
        }

        var response = new IngestionResponse(new List<IngestionSuccess>(stored.Count), rejected);
        foreach (var @event in stored)
        {
            response.Successes.Add(new IngestionSuccess(@event.EventId, StatusCodes.Status201Created));
        }

        metrics.Events(projectId, stored, "stored");
        return response;
    }

    /// <summary>Appends the batch and starts storing it; false when the journal could not take it.</summary>
    private async Task<bool> JournalAsync(string projectId, IngestionRoutes routes, CancellationToken cancellationToken)
    {
        var payload = JournalBatches.Serialize(projectId, routes);
        await backlog.EnterAsync(payload.Length, cancellationToken);
        JournalTicket ticket;
        try
        {
            ticket = await journal.AppendAsync(payload.Memory);
        }
        catch (IOException)
        {
            backlog.Leave(payload.Length);
            payload.Release();
            return false;
        }

        _ = StoreAsync(payload, ticket);
        return true;
    }

    private async Task StoreAsync(PooledBody payload, JournalTicket ticket)
    {
        var bytes = payload.Length;
        try
        {
            await applier.StoreAsync(JournalBatches.Parse(payload.Memory));
            IngestJournal.Complete(ticket);
            payload.Release();
        }
        catch (OperationCanceledException)
        {
            // The node is stopping: the journal keeps the batch, and the next start stores it.
        }
        finally
        {
            backlog.Leave(bytes);
        }
    }

    /// <summary>The journal could not take the batch (its disk failed; the journal logged why): nothing is acknowledged.</summary>
    private IngestionResponse Failed(string projectId, IReadOnlyList<IngestionEvent> events, List<IngestionError> rejected)
    {
        foreach (var @event in events)
        {
            rejected.Add(new IngestionError(@event.EventId, StatusCodes.Status500InternalServerError, null, "Internal Server Error"));
        }

        metrics.Events(projectId, events, "failed");
        return new IngestionResponse([], rejected);
    }
}
