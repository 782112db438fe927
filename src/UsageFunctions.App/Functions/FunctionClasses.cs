using System.Collections.Concurrent;

namespace UsageFunctions.App.Functions;

/// <summary>The class that declares a function, from its entry point (<c>Namespace.Class.Method</c>), resolved once per function.</summary>
public static class FunctionClasses
{
    private static readonly ConcurrentDictionary<string, Type?> Resolved = new();

    public static Type? Of(string entryPoint) =>
        Resolved.GetOrAdd(entryPoint, e => typeof(FunctionClasses).Assembly.GetType(e[..e.LastIndexOf('.')]));
}
