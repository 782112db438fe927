using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace UsageFunctions.Bench;

/// <summary>
/// The deployable zip unpacked into a temporary folder, as the Functions host unpacks it. Built with the README's package
/// command into <c>artifacts/bench/</c> (a developer's own <c>artifacts/usagefunctions.zip</c> is left alone), or an
/// existing zip when one is given.
/// </summary>
public sealed class AppPackage : IDisposable
{
    private AppPackage(string root, string zip, double buildSeconds)
    {
        Root = root;
        Zip = zip;
        BuildSeconds = buildSeconds;
    }

    public string Root { get; }

    public string Zip { get; }

    /// <summary>How long the package build took; 0 for a given zip.</summary>
    public double BuildSeconds { get; }

    public AppLaunch Launch => new(AppLaunch.PackageName, Root);

    /// <summary>The package (and the minimal worker beside it) is published for linux-x64: it is measured only there.</summary>
    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    public static async Task<AppPackage> PrepareAsync(string repositoryRoot, string? zip)
    {
        var clock = Stopwatch.StartNew();
        var built = zip is null;
        zip ??= await BuildAsync(repositoryRoot);
        var root = Directory.CreateTempSubdirectory("usagefunctions-bench-app").FullName;
        await ZipFile.ExtractToDirectoryAsync(zip, root);
        return new AppPackage(root, zip, built ? clock.Elapsed.TotalSeconds : 0);
    }

    private static async Task<string> BuildAsync(string repositoryRoot)
    {
        var artifacts = Path.Combine(repositoryRoot, "artifacts", "bench") + "/";
        await DotnetPublish.RunAsync(repositoryRoot, Path.Combine("src", "UsageFunctions.App"), "-p:PackageFunctionApp=true",
            $"-p:FunctionAppArtifacts={artifacts}");
        var zip = Path.Combine(artifacts, "usagefunctions.zip");
        if (!File.Exists(zip)) throw new InvalidOperationException($"The package build wrote no {zip}.");
        return zip;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
