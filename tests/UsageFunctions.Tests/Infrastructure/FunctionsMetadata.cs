using System.Reflection;
using System.Text.Json;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>The functions the Worker SDK listed in the app's build output (<c>functions.metadata</c>), with their triggers.</summary>
public static partial class FunctionsMetadata
{
    public static string AppBuildOutput { get; } = typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AppBuildOutput").Value!;

    public static IReadOnlyList<ListedFunction> All { get; } = Read(Path.Combine(AppBuildOutput, "functions.metadata"));

    public static IEnumerable<ListedFunction> Http => All.Where(f => f.Type == "httpTrigger");

    public static IEnumerable<ListedFunction> Timers => All.Where(f => f.Type == "timerTrigger");

    /// <summary>
    /// The path of a request to <paramref name="route"/>: the pages' files and the entitlement's meter are ones that exist
    /// (they answer 404 for any other), every other route value is <paramref name="value"/>.
    /// </summary>
    public static string SamplePath(string route, string value) =>
        "/" + (Existing.TryGetValue(route, out var file) ? file : Placeholder().Replace(route, value));

    private static readonly Dictionary<string, string> Existing = new()
    {
        ["openapi/{document}"] = "openapi/usage.json", ["reference/{file}"] = "reference/reference.js", ["dashboard/{file}"] = "dashboard/main.js",
        ["api/entitlements/{meter}"] = "api/entitlements/calls",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    public static IReadOnlyList<ListedFunction> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string? Text(string name) => trigger.TryGetProperty(name, out var value) ? value.GetString() : null;
            return new ListedFunction(function.GetProperty("name").GetString()!, function.GetProperty("entryPoint").GetString()!,
                trigger.GetProperty("type").GetString()!, Text("route"), Text("schedule"),
                trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : []);
        })];
    }
}

/// <summary>One function of functions.metadata: an HTTP route and methods, or a timer schedule expression.</summary>
public sealed record ListedFunction(string Name, string EntryPoint, string Type, string? Route, string? Schedule, IReadOnlyList<string> Methods);
