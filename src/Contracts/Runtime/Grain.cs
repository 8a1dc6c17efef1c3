namespace Lantern.Contracts.Runtime;

/// <summary>Base class of grains. The runtime creates it, sets its context, then calls <see cref="OnActivateAsync"/>.</summary>
/// <remarks>Grain code runs one turn at a time per activation, so it needs no locks.</remarks>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The activation's context. Available from <see cref="OnActivateAsync"/> on.</summary>
    protected IGrainContext Context => _context ?? throw new InvalidOperationException("The grain is not activated yet.");

    /// <summary>The grain's key.</summary>
    protected string GrainKey => Context.Key;

    /// <summary>The factory for calling other grains.</summary>
    protected IGrainFactory GrainFactory => Context.GrainFactory;

    internal void Attach(IGrainContext context) => _context = context;

    /// <summary>Runs as the first turn, after persisted state was read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn: flush write-behind state here.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
