using System.Reflection;

namespace UsageFunctions.Bench;

/// <summary>
/// A function app folder the local host can run (worker.config.json, functions.metadata, host.json), and the request
/// that shows it is serving: the first 200 on it ends a cold start.
/// </summary>
public sealed record AppLaunch(string Name, string Directory)
{
    public const string PackageName = "package";
    public const string MinimalName = "minimal worker";
    public const string BuildOutputName = "build output";

    /// <summary>
    /// The app's own build output (framework-dependent, not ReadyToRun): built before the bench, never copied into it,
    /// since a worker app runs from its own folder. The bench's build records where it is (AppBuildOutput).
    /// </summary>
    public static AppLaunch BuildOutput()
    {
        var directory = typeof(AppLaunch).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppBuildOutput")?.Value;
        if (directory is null || !File.Exists(Path.Combine(directory, "worker.config.json")))
            throw new InvalidOperationException($"The app's build output is missing ({directory}): build the bench, which builds the app.");
        return new(BuildOutputName, directory);
    }
}
