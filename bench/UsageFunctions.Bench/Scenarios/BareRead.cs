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

    public async Task<ReadResult> MeasureAsync(int history, int samples)
    {
        for (var i = 0; i < 5; i++) await TimeOneAsync();
        var latencies = new double[samples];
        for (var i = 0; i < samples; i++) latencies[i] = await TimeOneAsync();
        Array.Sort(latencies);
        return new ReadResult(Name, history, true, 200, samples, ReadScenario.Percentile(latencies, 50),
            ReadScenario.Percentile(latencies, 95), ReadScenario.Percentile(latencies, 99), 1);
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
