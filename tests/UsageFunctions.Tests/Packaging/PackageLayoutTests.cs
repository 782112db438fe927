using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using UsageFunctions.App.Functions;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>The zip as the Functions host will see it, checked against the catalog rather than a list of names.</summary>
public sealed class PackageLayoutTests
{
    private static readonly JsonNode RepositoryHostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")))!;



    [Fact]
    public async Task HostJsonIsAtTheRootAsInTheRepository()
    {
        using var zip = await OpenAsync();

        Assert.True(JsonNode.DeepEquals(RepositoryHostJson, Read(zip.GetEntry("host.json"))));
    }

    [Fact]
    public async Task TheHostsDefaultExecutableIsThereAndExecutable()
    {
        using var zip = await OpenAsync();
        var name = RepositoryHostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        var executable = zip.GetEntry(name);

        Assert.NotNull(executable);
        var mode = (UnixFileMode)((executable.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), $"Mode is {mode}.");
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
    public async Task AppIsReadyToRunWithInvariantGlobalization()
    {
        using var zip = await OpenAsync();
        var runtimeConfig = Read(zip.GetEntry("UsageFunctions.runtimeconfig.json"))!;
        using var assembly = new MemoryStream();
        await using (var stream = zip.GetEntry("UsageFunctions.dll")!.Open()) await stream.CopyToAsync(assembly);
        assembly.Position = 0;
        using var pe = new PEReader(assembly);

        Assert.True(runtimeConfig["runtimeOptions"]!["configProperties"]!["System.Globalization.Invariant"]!.GetValue<bool>());
        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "UsageFunctions.dll has no ReadyToRun code.");
        Assert.NotNull(zip.GetEntry("libcoreclr.so"));
    }

    private static async Task<ZipArchive> OpenAsync() => ZipFile.OpenRead(await FunctionAppPackage.ZipPathAsync());

    private static JsonNode? Read(ZipArchiveEntry? entry)
    {
        Assert.NotNull(entry);
        using var reader = new StreamReader(entry.Open());
        return JsonNode.Parse(reader.ReadToEnd());
    }
}
