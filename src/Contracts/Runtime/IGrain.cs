namespace Lantern.Contracts.Runtime;

/// <summary>Marker for grain interfaces: every grain is addressed by its interface and a string key.</summary>
/// <remarks>Methods of a grain interface return <see cref="Task"/>, <see cref="Task{TResult}"/> or
/// <see cref="ValueTask"/>/<see cref="ValueTask{TResult}"/>; they run one at a time per activation.</remarks>
public interface IGrain;
