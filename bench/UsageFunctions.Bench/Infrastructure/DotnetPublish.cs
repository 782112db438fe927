namespace UsageFunctions.Bench;

/// <summary><c>dotnet publish</c> run by the bench from the repository root, as a developer runs it.</summary>
public static class DotnetPublish
{
    /// <summary>The dotnet that runs the bench (set by <c>dotnet run</c> and test hosts), else the one on the PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static async Task RunAsync(string repositoryRoot, string project, params string[] properties)
    {
        // No build servers or reused nodes: they would outlive the publish holding its output pipes, and eat the CPU the
        // cold starts are about to measure.
        using var publish = ChildProcess.Start(Dotnet, repositoryRoot, new Dictionary<string, string>(),
            ["publish", project, "-c", "Release", .. properties, "-p:UseSharedCompilation=false", "-nodeReuse:false", "-nologo"]);
        var exitCode = await publish.WaitForExitAsync(TimeSpan.FromMinutes(5));
        if (exitCode != 0) throw new InvalidOperationException($"dotnet publish {project} failed ({exitCode}):\n{publish.Tail()}");
    }
}
