using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Hands out table clients, creating each table once: on first use, or all at once by <see cref="WarmUpAsync"/>.
/// </summary>
public sealed class TableClients(TableServiceClient service, IOptions<TableStorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public TableServiceClient Service => service;

    public string NameOf(string table) => options.Value.TablePrefix + table;

    public async Task<TableClient> GetAsync(string table, CancellationToken cancellationToken = default)
    {
        var lazy = _tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(table, lazy));
            throw;
        }
    }

    /// <summary>Creates every table now, concurrently, rather than one by one on the first requests that need them.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(TableNames.All.Select(table => GetAsync(table, cancellationToken)));

    private async Task<TableClient> CreateAsync(string table)
    {
        var client = service.GetTableClient(NameOf(table));
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
