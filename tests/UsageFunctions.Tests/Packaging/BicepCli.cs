using System.Reflection;

namespace UsageFunctions.Tests.Packaging;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64); its path is stamped in by the build.</summary>
public static class BicepCli
{
    public static string TemplatesDirectory => Path.Combine(Infrastructure.RepositoryRoot.Path, "infra-bicep");

    /// <summary>A dummy admin key: the parameter file reads the real one from the deploying shell.</summary>
    public static IReadOnlyDictionary<string, string?> ParameterEnvironment { get; } =
        new Dictionary<string, string?> { ["USAGE_ADMIN_KEY"] = new string('k', 48) };

    private static readonly Lazy<string> Executable = new(Locate);

    public static Task<ToolResult> RunAsync(params string[] arguments) =>
        ToolProcess.RunAsync(Executable.Value, arguments, TimeSpan.FromMinutes(2), TemplatesDirectory, ParameterEnvironment);

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value!;
        if (!File.Exists(path)) throw new InvalidOperationException($"No Bicep CLI at {path}: restore the test project.");
        // NuGet does not promise to keep the execute bit of a package's files.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        return path;
    }
}
