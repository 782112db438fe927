namespace UsageFunctions.Bench;

/// <summary>
/// bench/MinimalWorker published into <c>artifacts/bench/minimal/</c>: one HTTP function on the product's Worker packages,
/// published as the package is, so a cold start of the package can be set against the worker model's own.
/// </summary>
public static class MinimalWorkerApp
{
    /// <summary>Its one function (MinimalWorker.HelloFunction); it needs no key and no storage.</summary>
    public const string Path = "/hello";

    public static async Task<ColdStartApp> PublishAsync(string repositoryRoot)
    {
        var output = System.IO.Path.Combine(repositoryRoot, "artifacts", "bench", "minimal");
        // A file left from an earlier publish must not be started.
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        await DotnetPublish.RunAsync(repositoryRoot, System.IO.Path.Combine("bench", "MinimalWorker"), "-o", output);
        return new ColdStartApp(new AppLaunch(AppLaunch.MinimalName, output), Path, () => new HttpRequestMessage(HttpMethod.Get, Path));
    }
}
