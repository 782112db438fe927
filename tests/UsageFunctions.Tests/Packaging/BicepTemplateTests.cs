using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Tests.Packaging;

public sealed partial class BicepTemplateTests
{
    [Fact]
    public async Task MainTemplateBuildsWithoutWarnings()
    {
        var result = await BicepCli.RunAsync("build", "main.bicep", "--stdout");

        Assert.True(result.ExitCode == 0 && result.Errors.Trim().Length == 0, result.ToString());
        Assert.NotNull(JsonNode.Parse(result.Output)?["resources"]);
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

    [GeneratedRegex(@"'(Storage|Admin)__(\w+)'")]
    private static partial Regex AppSetting();
}
