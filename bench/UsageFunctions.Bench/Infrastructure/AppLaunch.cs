namespace UsageFunctions.Bench;

/// <summary>Which build of the app a process runs: the deployable package's executable, or the build output next to the bench.</summary>
public sealed record AppLaunch(string Name, string File, string Directory, IReadOnlyList<string> Arguments)
{
    public const string PackageName = "package";
    public const string BuildOutputName = "build output";

    /// <summary><c>dotnet exec UsageFunctions.dll</c> from the bench's own output (framework-dependent, not ReadyToRun).</summary>
    public static AppLaunch BuildOutput()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "UsageFunctions.dll");
        if (!System.IO.File.Exists(dll)) throw new InvalidOperationException($"The app is not built next to the bench: {dll}");
        return new(BuildOutputName, "dotnet", AppContext.BaseDirectory, ["exec", dll]);
    }

    /// <summary>The unpacked package's self-contained executable, started from the package root as the Functions host does.</summary>
    public static AppLaunch Package(string root) => new(PackageName, Path.Combine(root, "UsageFunctions"), root, []);
}
