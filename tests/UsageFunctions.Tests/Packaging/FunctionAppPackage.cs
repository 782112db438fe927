using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>
/// The deployable zip, built once per test run with the README's package command into artifacts/test/ (so a
/// developer's own package is left alone; each run replaces the last). Set USAGE_TEST_PACKAGE to an existing zip to
/// test that one instead.
/// </summary>
public static class FunctionAppPackage
{
    private static readonly Lazy<Task<string>> Shared = new(BuildAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<string> ZipPathAsync() => Shared.Value;

    private static async Task<string> BuildAsync()
    {
        if (Environment.GetEnvironmentVariable("USAGE_TEST_PACKAGE") is { Length: > 0 } existing) return existing;
        var artifacts = Path.Combine(RepositoryRoot.Path, "artifacts", "test") + "/";
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        // No build servers or reused nodes: they would outlive the test run holding its output pipes.
        var result = await ToolProcess.RunAsync(dotnet,
            ["publish", Path.Combine(RepositoryRoot.Path, "src", "UsageFunctions.App"), "-c", "Release",
                "-p:PackageFunctionApp=true", $"-p:FunctionAppArtifacts={artifacts}",
                "-p:UseSharedCompilation=false", "-nodeReuse:false", "-nologo"],
            TimeSpan.FromMinutes(5), RepositoryRoot.Path, CleanBuildEnvironment());
        var zip = Path.Combine(artifacts, "usagefunctions.zip");
        if (result.ExitCode != 0 || !File.Exists(zip)) throw new InvalidOperationException($"The package build failed: {result}");
        return zip;
    }

    /// <summary>The test host's MSBuild variables would point the nested build at the outer one's state.</summary>
    private static Dictionary<string, string?> CleanBuildEnvironment()
    {
        var environment = new Dictionary<string, string?>();
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name == "VSTEST_HOST_DEBUG") environment[name] = null;
        }
        return environment;
    }
}
