using Azure;
using Azure.Data.Tables;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>One app for a whole test class (xunit class fixture), for suites of many requests that each leave nothing behind.</summary>
public sealed class SharedApp : IDisposable
{
    public UsageAppFactory App { get; } = new();

    /// <summary>How many entities the app's tables hold now (a table not created yet holds none).</summary>
    public async Task<int> CountEntitiesAsync(params string[] tables)
    {
        var count = 0;
        foreach (var name in tables)
        {
            var table = new TableClient(App.ConnectionString, App.TablePrefix + name);
            try
            {
                await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }
        return count;
    }

    public void Dispose() => App.Dispose();
}
