using Lantern.Contracts.Runtime;

namespace Lantern.Silo.Runtime;

/// <summary>A grain call: runs the method on the grain and completes the caller's task with its result.</summary>
internal sealed class CallWorkItem<TResult>(Func<Grain, Task<TResult>> call) : WorkItem
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Completion => _completion.Task;

    public override async Task RunAsync(Grain grain)
    {
        try
        {
            _completion.TrySetResult(await call(grain));
        }
        catch (Exception exception)
        {
            _completion.TrySetException(exception);
            throw;
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
