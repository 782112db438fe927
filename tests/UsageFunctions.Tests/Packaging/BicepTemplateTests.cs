using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UsageFunctions.App.Auth;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

public sealed partial class BicepTemplateTests
{
    [Fact]
    public async Task MainTemplateBuildsWithoutWarnings()
    {
        var template = await CompileAsync();

        Assert.NotNull(template["resources"]);
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("monitoring.bicep")]
    [InlineData("main.bicepparam")]
    public async Task TemplateLintsWithoutWarnings(string file)
    {
        var result = await BicepCli.RunAsync("lint", file);

        Assert.True(result.ExitCode == 0 && (result.Output + result.Errors).Trim().Length == 0, result.ToString());
    }

    [Fact]
    public async Task ParameterFileBuildsWithTheAdminKeyFromTheEnvironment()
    {
        var result = await BicepCli.RunAsync("build-params", "main.bicepparam", "--stdout");

        Assert.True(result.ExitCode == 0 && result.Errors.Trim().Length == 0, result.ToString());
        var parameters = JsonNode.Parse(JsonNode.Parse(result.Output)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal(BicepCli.ParameterEnvironment["USAGE_ADMIN_KEY"], parameters["adminKey"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryTimerOfTheBuildIsScheduledWithTheLocalDefault()
    {
        var schedules = (await CompileAsync())["parameters"]!["timerSchedules"]!["defaultValue"]!.AsObject();
        var timers = PackagedFunctions.FromBuildOutput().Where(f => f.IsTimer).ToList();
        var local = LocalSettings();

        Assert.NotEmpty(timers);
        Assert.All(timers, timer => Assert.Matches(TimerSetting(), timer.Schedule));
        var keys = timers.Select(timer => TimerSetting().Match(timer.Schedule!).Groups[1].Value).ToList();
        // Every timer's setting has a default, and no default outlives its timer.
        Assert.Equal(keys.Order(), schedules.Select(s => s.Key).Order());
        foreach (var key in keys) Assert.Equal(local[$"Timers__{key}"]?.GetValue<string>(), schedules[key]!.GetValue<string>());
    }

    [Fact]
    public async Task AppRunsOnDotnetIsolated10WithoutAWorkerRuntimeSetting()
    {
        var template = await CompileAsync();
        var resources = template["resources"]!;
        var sites = (resources is JsonObject named ? named.Select(r => r.Value) : resources.AsArray())
            .Where(r => r!["type"]!.GetValue<string>() == "Microsoft.Web/sites").ToList();

        var runtime = Assert.Single(sites)!["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
        // Flex Consumption refuses the setting: the runtime above is where the worker is chosen.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", template.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AppSettingsOfTheTemplateNameRealOptions()
    {
        var template = File.ReadAllText(Path.Combine(BicepCli.TemplatesDirectory, "main.bicep"));
        var settings = AppSetting().Matches(template).Select(m => (Section: m.Groups[1].Value, Key: m.Groups[2].Value)).ToList();

        Assert.Contains(("Storage", nameof(TableStorageOptions.TableServiceUri)), settings);
        Assert.Contains(("Storage", nameof(TableStorageOptions.ManagedIdentityClientId)), settings);
        Assert.Contains(("Admin", nameof(AdminOptions.Key)), settings);
        foreach (var (section, key) in settings)
        {
            var options = section == TableStorageOptions.Section ? typeof(TableStorageOptions) : typeof(AdminOptions);
            Assert.True(options.GetProperty(key) is not null, $"{section}__{key} binds to nothing.");
        }
    }

    [Fact]
    public async Task CorsOfTheSiteComesFromItsParametersAndAllowsNoOriginByDefault()
    {
        var template = await CompileAsync();
        var resources = template["resources"]!;
        var site = (resources is JsonObject named ? named.Select(r => r.Value) : resources.AsArray())
            .Single(r => r!["type"]!.GetValue<string>() == "Microsoft.Web/sites")!;

        var cors = site["properties"]!["siteConfig"]!["cors"]!;
        Assert.Equal("[parameters('corsAllowedOrigins')]", cors["allowedOrigins"]!.GetValue<string>());
        Assert.Equal("[parameters('corsAllowCredentials')]", cors["supportCredentials"]!.GetValue<string>());
        Assert.Empty(template["parameters"]!["corsAllowedOrigins"]!["defaultValue"]!.AsArray());
        Assert.False(template["parameters"]!["corsAllowCredentials"]!["defaultValue"]!.GetValue<bool>());
    }

    /// <summary>main.bicep compiled to ARM JSON; a warning fails the build as an error does.</summary>
    private static async Task<JsonNode> CompileAsync()
    {
        var result = await BicepCli.RunAsync("build", "main.bicep", "--stdout");
        Assert.True(result.ExitCode == 0 && result.Errors.Trim().Length == 0, result.ToString());
        return JsonNode.Parse(result.Output)!;
    }

    /// <summary>The Values of the app's local.settings.json: the schedules a local run uses.</summary>
    private static JsonObject LocalSettings()
    {
        var path = Path.Combine(RepositoryRoot.Path, "src", "UsageFunctions.App", "local.settings.json");
        Assert.True(File.Exists(path), $"No {path}: the local defaults of the app settings belong in the repository.");
        return JsonNode.Parse(File.ReadAllText(path))!["Values"]!.AsObject();
    }

    [GeneratedRegex(@"'(Storage|Admin)__(\w+)'")]
    private static partial Regex AppSetting();

    [GeneratedRegex(@"^%Timers__(\w+)%$")]
    private static partial Regex TimerSetting();
}
