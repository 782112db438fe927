using System.Reflection;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>One entry of a functions.metadata: the function's name, its trigger and, for a timer, its schedule expression.</summary>
public sealed record PackagedFunction(string Name, string Trigger, string? Schedule, JsonNode Json)
{
    public bool IsTimer => Trigger == "timerTrigger";
}

/// <summary>
/// The functions the Worker SDK indexed from the app, read from a functions.metadata. The build output's is the reference
/// the package and the templates are checked against, so neither needs a list of names of its own.
/// </summary>
public static class PackagedFunctions
{
    /// <summary>The app's build output of this test run's configuration (the test project builds the app first).</summary>
    public static string BuildOutputMetadataPath { get; } = Path.Combine(RepositoryRoot.Path, "src", "UsageFunctions.App", "bin",
        typeof(PackagedFunctions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0", "functions.metadata");

    public static IReadOnlyList<PackagedFunction> FromBuildOutput()
    {
        if (!File.Exists(BuildOutputMetadataPath)) throw new InvalidOperationException($"No {BuildOutputMetadataPath}: build the app first.");
        return Parse(File.ReadAllText(BuildOutputMetadataPath));
    }

    public static IReadOnlyList<PackagedFunction> Parse(string metadata) =>
        JsonNode.Parse(metadata)!.AsArray().Select(function =>
        {
            var trigger = function!["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            return new PackagedFunction(function["name"]!.GetValue<string>(), trigger["type"]!.GetValue<string>(),
                trigger["schedule"]?.GetValue<string>(), function);
        }).ToList();
}
