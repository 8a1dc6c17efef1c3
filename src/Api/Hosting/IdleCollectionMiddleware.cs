using Lantern.Silo.Hosting;

namespace Lantern.Api.Hosting;

/// <summary>Counts every request as in flight for <see cref="IdleCollector"/>, from its start until its response is sent.</summary>
public sealed class IdleCollectionMiddleware(RequestDelegate next, IdleCollector collector)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!collector.IsEnabled)
        {
            return next(context);
        }

        collector.RequestStarted();
        // After the response's last byte is written, also when the request failed or was aborted.
        context.Response.OnCompleted(static state =>
        {
            ((IdleCollector)state).RequestEnded();
            return Task.CompletedTask;
        }, collector);
        return next(context);
    }
}
