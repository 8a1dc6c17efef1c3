using System.Reflection;
using Lantern.Contracts.Runtime;

namespace Lantern.Silo.Runtime;

/// <summary>What the runtime knows about one grain class: its name and how to build its persisted state.</summary>
internal sealed class GrainTypeInfo
{
    public GrainTypeInfo(Type interfaceType, Type implementationType)
    {
        InterfaceType = interfaceType;
        ImplementationType = implementationType;
        UnboundProxy = (GrainProxy)DispatchProxy.Create(interfaceType, typeof(GrainProxy));
        Name = implementationType.Name;
        var constructor = implementationType.GetConstructors().Single();
        StateTypes = constructor.GetParameters()
            .Select(p => p.ParameterType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(t => t.GetGenericArguments()[0])
            .ToArray();
        if (StateTypes.Length > 1)
        {
            throw new InvalidOperationException($"{Name} takes {StateTypes.Length} persisted states; a grain owns one state type.");
        }
    }

    public Type InterfaceType { get; }

    public Type ImplementationType { get; }

    /// <summary>A proxy of the interface bound to no grain, copied for each reference (<see cref="GrainProxy.Bound"/>).</summary>
    public GrainProxy UnboundProxy { get; }

    /// <summary>The name used in storage rows and metric labels.</summary>
    public string Name { get; }

    public Type[] StateTypes { get; }

    public IStateLoader[] CreateStates(IGrainStorage storage, string key) =>
        StateTypes
            .Select(t => (IStateLoader)Activator.CreateInstance(
                typeof(PersistentState<>).MakeGenericType(t), storage, Name, key)!)
            .ToArray();

    public static MethodInfo[] GrainMethods(Type interfaceType) =>
        interfaceType.GetMethods().Concat(interfaceType.GetInterfaces().SelectMany(i => i.GetMethods())).ToArray();
}
