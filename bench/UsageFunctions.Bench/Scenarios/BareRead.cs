using System.Diagnostics;
using Azure.Data.Tables;
using UsageFunctions.Storage;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Bench;

/// <summary>
/// The read ceiling: the raw-event range query <c>GET /api/events</c> makes (the account's last 24 hours, first 100
/// rows), sent straight to the table, so a read's latency can be split into storage and app.
/// </summary>
public sealed class BareRead(string storage, string tablePrefix, string accountId)
{
    public const string Name = "bare table query: raw events, last 24 h, 100 rows";

    private readonly TableClient _table = StorageServiceCollectionExtensions
        .CreateServiceClient(new TableStorageOptions { ConnectionString = storage }).GetTableClient(tablePrefix + TableNames.RawEvents);

    /// <summary><paramref name="samples"/> queries one after another; their latencies in ms, in order.</summary>
    public async Task<double[]> SampleAsync(int samples)
    {
        var latencies = new double[samples];
        for (var i = 0; i < samples; i++) latencies[i] = await TimeOneAsync();
        return latencies;
    }

    private async Task<double> TimeOneAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var first = RawEventKeys.HourPrefix(accountId, now.AddDays(-1));
        var end = StorageKeys.PrefixEnd(RawEventKeys.HourPrefix(accountId, now));
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {first} and PartitionKey lt {end}");
        var started = Stopwatch.GetTimestamp();
        var rows = 0;
        await foreach (var _ in _table.QueryAsync<RawEventEntity>(filter, maxPerPage: 100))
        {
            if (++rows == 100) break;
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
