using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageFunctions.Storage;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Tests.Packaging;

/// <summary>Which credential reaches Table Storage is decided by configuration alone; nothing here calls Azure.</summary>
public sealed class StorageIdentityTests
{
    private const string LocalDefault = "UseDevelopmentStorage=true";

    [Fact]
    public void TableEndpointSettingSelectsTheManagedIdentityOverTheLocalDefault()
    {
        var options = Bind(new()
        {
            ["Storage:ConnectionString"] = LocalDefault,
            ["Storage:TableServiceUri"] = "https://stusageprod.table.core.windows.net/",
            ["Storage:ManagedIdentityClientId"] = "6b0f2a4e-0000-4000-8000-000000000001",
        });
        var client = StorageServiceCollectionExtensions.CreateServiceClient(options);

        Assert.True(options.UsesManagedIdentity);
        Assert.Equal("stusageprod", client.AccountName);
        Assert.Equal(new Uri("https://stusageprod.table.core.windows.net/"), client.Uri);
    }

    [Fact]
    public void WithoutATableEndpointTheConnectionStringIsUsed()
    {
        var options = Bind(new() { ["Storage:ConnectionString"] = LocalDefault });
        var client = StorageServiceCollectionExtensions.CreateServiceClient(options);

        Assert.False(options.UsesManagedIdentity);
        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.Equal("127.0.0.1", client.Uri.Host);
    }

    [Fact]
    public void NeitherEndpointNorConnectionStringFailsValidation()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Storage:TablePrefix"] = "t1" }));

        Assert.Contains("TableServiceUri", error.Message);
    }

    private static TableStorageOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTableStorage().BuildServiceProvider();
        return services.GetRequiredService<IOptions<TableStorageOptions>>().Value;
    }
}
