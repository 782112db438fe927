using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        services.AddOptions<TableStorageOptions>()
            .BindConfiguration(TableStorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.TableServiceUri is not null,
                "Set Storage:ConnectionString (local) or Storage:TableServiceUri (managed identity).")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<UsageMetrics>();
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton(sp => CreateServiceClient(
            sp.GetRequiredService<IOptions<TableStorageOptions>>().Value, sp.GetRequiredService<StorageRequestCounter>()));
        services.AddSingleton<TableClients>();
        services.AddSingleton<IChangedHours, TableChangedHours>();
        // The built-in meters unless the app registers its configured catalog (the roll-up registration does).
        services.TryAddSingleton(MeterCatalog.BuiltIn);
        services.AddSingleton<IEventStore, TableEventStore>();
        services.AddSingleton<BatchSummaryCoverage>();
        services.AddSingleton<HourSummaryReader>();
        services.AddSingleton<CallDigestPurge>();
        services.AddSingleton<IndexBackfill>();
        services.AddSingleton<IAccountStore, TableAccountStore>();
        services.AddSingleton<IApiKeyStore, TableApiKeyStore>();
        return services;
    }

    /// <summary>
    /// An endpoint means a managed identity; otherwise the connection string (Azurite, or a key-based account).
    /// The counter, when given, sees every request including retries. Every try is bounded by the network timeout and by
    /// the flow's <see cref="StorageDeadline"/>, if any.
    /// </summary>
    public static TableServiceClient CreateServiceClient(TableStorageOptions options, StorageRequestCounter? counter = null)
    {
        var clientOptions = new TableClientOptions();
        var networkTimeout = TimeSpan.FromSeconds(options.NetworkTimeoutSeconds);
        clientOptions.AddPolicy(new DeadlinePolicy(networkTimeout), HttpPipelinePosition.PerRetry);
        if (counter is not null) clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.NetworkTimeout = networkTimeout;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        if (!options.UsesManagedIdentity) return new TableServiceClient(options.ConnectionString, clientOptions);
        var credential = new ManagedIdentityCredential(string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new TableServiceClient(options.TableServiceUri, credential, clientOptions);
    }
}
