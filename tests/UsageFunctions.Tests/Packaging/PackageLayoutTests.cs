using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>The zip as the Functions host will see it, checked against the app's build output rather than a list of names.</summary>
public sealed class PackageLayoutTests
{
    private static readonly JsonNode RepositoryHostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")))!;

    [Fact]
    public async Task PackageListsExactlyTheFunctionsOfTheBuild()
    {
        using var zip = await OpenAsync();
        var packaged = PackagedFunctions.Parse(ReadText(zip.GetEntry("functions.metadata"))).ToDictionary(f => f.Name);
        var built = PackagedFunctions.FromBuildOutput();

        Assert.NotEmpty(built);
        Assert.Equal(built.Select(f => f.Name).Order(), packaged.Keys.Order());
        foreach (var function in built)
            Assert.True(JsonNode.DeepEquals(function.Json, packaged[function.Name].Json), $"{function.Name} differs from the build's.");
    }

    [Fact]
    public async Task NoCustomHandlerFunctionJsonIsShipped()
    {
        using var zip = await OpenAsync();

        Assert.DoesNotContain(zip.Entries, e => e.Name == "function.json");
    }

    [Fact]
    public async Task WorkerConfigStartsTheAppWithDotnet()
    {
        using var zip = await OpenAsync();
        var description = Read(zip.GetEntry("worker.config.json"))!["description"]!;

        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        Assert.Equal("dotnet", description["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("UsageFunctions.dll", description["defaultWorkerPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryAssemblyTheAppDependsOnIsShipped()
    {
        using var zip = await OpenAsync();
        var deps = Read(zip.GetEntry("UsageFunctions.deps.json"))!;
        var target = deps["targets"]![deps["runtimeTarget"]!["name"]!.GetValue<string>()]!.AsObject();
        // A framework-dependent publish for one runtime puts every runtime asset at the root, where `dotnet` probes.
        var assemblies = target.SelectMany(library => library.Value?["runtime"]?.AsObject().Select(a => Path.GetFileName(a.Key)) ?? []).ToList();

        Assert.Contains("UsageFunctions.dll", assemblies);
        Assert.All(assemblies, name => Assert.NotNull(zip.GetEntry(name)));
        Assert.NotNull(zip.GetEntry("UsageFunctions.runtimeconfig.json"));
    }

    [Fact]
    public async Task ExtensionsJsonPointsIntoTheShippedAzureFunctionsFolder()
    {
        using var zip = await OpenAsync();
        var extensions = Read(zip.GetEntry("extensions.json"))!["extensions"]!.AsArray();

        Assert.NotEmpty(extensions);
        foreach (var hint in extensions.Select(e => e!["hintPath"]!.GetValue<string>()))
        {
            Assert.StartsWith("./.azurefunctions/", hint);
            Assert.NotNull(zip.GetEntry(hint[2..]));
        }
        Assert.NotNull(zip.GetEntry(".azurefunctions/function.deps.json"));
    }

    [Fact]
    public async Task HostJsonIsAtTheRootAsInTheRepository()
    {
        using var zip = await OpenAsync();

        Assert.True(JsonNode.DeepEquals(RepositoryHostJson, Read(zip.GetEntry("host.json"))));
    }

    [Fact]
    public void HostJsonIsForAnIsolatedWorkerServingRoutesWithoutPrefix()
    {
        // The worker's extensions come with the package (.azurefunctions), not from a bundle; vendor paths have no "api/".
        Assert.Null(RepositoryHostJson["customHandler"]);
        Assert.Null(RepositoryHostJson["extensionBundle"]);
        Assert.Equal("", RepositoryHostJson["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());
    }

    [Fact]
    public async Task NoLocalSettingsOrSecretsAreShipped()
    {
        using var zip = await OpenAsync();
        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.DoesNotContain(names, n => n.EndsWith("local.settings.json", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["appsettings.json"], names.Where(n => n.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)));
        var settings = Read(zip.GetEntry("appsettings.json"))!;
        Assert.Null(settings["Admin"]);
        // The only storage setting shipped is the Azurite default, which the app's table endpoint setting overrides.
        var connection = settings["Storage"]?["ConnectionString"]?.GetValue<string>();
        Assert.True(connection is null or "UseDevelopmentStorage=true", $"Shipped connection string: {connection}");
    }

    [Fact]
    public async Task AppIsFrameworkDependentReadyToRunWithInvariantGlobalization()
    {
        using var zip = await OpenAsync();
        var runtimeOptions = Read(zip.GetEntry("UsageFunctions.runtimeconfig.json"))!["runtimeOptions"]!;
        using var assembly = new MemoryStream();
        await using (var stream = zip.GetEntry("UsageFunctions.dll")!.Open()) await stream.CopyToAsync(assembly);
        assembly.Position = 0;
        using var pe = new PEReader(assembly);

        Assert.Equal("net10.0", runtimeOptions["tfm"]!.GetValue<string>());
        Assert.Contains(runtimeOptions["frameworks"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "Microsoft.AspNetCore.App");
        Assert.Null(zip.GetEntry("libcoreclr.so"));
        Assert.True(runtimeOptions["configProperties"]!["System.Globalization.Invariant"]!.GetValue<bool>());
        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "UsageFunctions.dll has no ReadyToRun code.");
    }

    [Fact]
    public async Task DashboardFilesAreShippedUnderDashboardAsInTheRepository()
    {
        using var zip = await OpenAsync();
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "UsageFunctions.App", "Dashboard", "www"));

        Assert.Contains(sources, s => Path.GetFileName(s) == "index.html");
        Assert.Equal(sources.Select(Path.GetFileName).Order(),
            zip.Entries.Where(e => e.FullName.StartsWith("dashboard/", StringComparison.Ordinal)).Select(e => e.Name).Order());
        foreach (var source in sources)
            Assert.Equal(await File.ReadAllTextAsync(source), ReadText(zip.GetEntry("dashboard/" + Path.GetFileName(source))));
    }

    private static async Task<ZipArchive> OpenAsync() => ZipFile.OpenRead(await FunctionAppPackage.ZipPathAsync());

    private static JsonNode? Read(ZipArchiveEntry? entry) => JsonNode.Parse(ReadText(entry));

    private static string ReadText(ZipArchiveEntry? entry)
    {
        Assert.NotNull(entry);
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
