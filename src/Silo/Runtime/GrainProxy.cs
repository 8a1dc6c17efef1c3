using System.Collections.Concurrent;
using System.Reflection;

namespace Lantern.Silo.Runtime;

/// <summary>The grain reference handed to callers: each interface call becomes a turn on the grain's activation.</summary>
public class GrainProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<GrainRuntime, GrainTypeInfo, string, MethodInfo, object?[]?, object>> Dispatchers = new();
    private static readonly MethodInfo TaskOfTDispatcher = typeof(GrainProxy).GetMethod(nameof(DispatchTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ValueTaskOfTDispatcher = typeof(GrainProxy).GetMethod(nameof(DispatchValueTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;

    private GrainRuntime? _runtime;
    private GrainTypeInfo? _type;
    private string? _key;

    /// <summary>
    /// A reference of the same interface to the grain of <paramref name="key"/>: a shallow copy of this proxy, which shares
    /// its generated type's method table. <c>DispatchProxy.Create</c> looks the generated type up and calls its constructor
    /// through reflection for every reference, about 1 % of the node's CPU under load.
    /// </summary>
    internal GrainProxy Bound(GrainRuntime runtime, GrainTypeInfo type, string key)
    {
        var proxy = (GrainProxy)MemberwiseClone();
        proxy._runtime = runtime;
        proxy._type = type;
        proxy._key = key;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var dispatch = Dispatchers.GetOrAdd(targetMethod, CreateDispatcher);
        return dispatch(_runtime!, _type!, _key!, targetMethod, args);
    }

    private static Func<GrainRuntime, GrainTypeInfo, string, MethodInfo, object?[]?, object> CreateDispatcher(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            return (runtime, type, key, m, args) => runtime.Call<bool>(type, key, async grain =>
            {
                await (Task)InvokeOn(grain, m, args)!;
                return true;
            });
        }

        if (returnType == typeof(ValueTask))
        {
            return (runtime, type, key, m, args) => new ValueTask(runtime.Call<bool>(type, key, async grain =>
            {
                await (ValueTask)InvokeOn(grain, m, args)!;
                return true;
            }));
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return TaskOfTDispatcher.MakeGenericMethod(returnType.GetGenericArguments()[0])
                .CreateDelegate<Func<GrainRuntime, GrainTypeInfo, string, MethodInfo, object?[]?, object>>();
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return ValueTaskOfTDispatcher.MakeGenericMethod(returnType.GetGenericArguments()[0])
                .CreateDelegate<Func<GrainRuntime, GrainTypeInfo, string, MethodInfo, object?[]?, object>>();
        }

        throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    // Synchronous throws reach the caller as themselves, not wrapped in TargetInvocationException.
    private static object InvokeOn(object grain, MethodInfo method, object?[]? args) =>
        method.Invoke(grain, BindingFlags.DoNotWrapExceptions, null, args, null)!;

    private static object DispatchTaskOfT<T>(GrainRuntime runtime, GrainTypeInfo type, string key, MethodInfo method, object?[]? args) =>
        runtime.Call(type, key, grain => (Task<T>)InvokeOn(grain, method, args)!);

    private static object DispatchValueTaskOfT<T>(GrainRuntime runtime, GrainTypeInfo type, string key, MethodInfo method, object?[]? args) =>
        new ValueTask<T>(runtime.Call(type, key, grain => ((ValueTask<T>)InvokeOn(grain, method, args)!).AsTask()));
}
