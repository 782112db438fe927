using System.Diagnostics;
using Azure.Data.Tables;
using UsageFunctions.Storage;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Bench;

/// <summary>
/// The bare side of the ingest comparison, straight Azure.Data.Tables 100-entity transactions of raw-event entities:
/// the ceiling (every batch its own fresh partition) and the ingest run's own layout (one hour, each source's batches
/// in the shard the app gives that source). Each table grows as the app's raw-event table does, round by round, since
/// in-memory Azurite's cost per request grows with the table.
/// </summary>
public sealed class CeilingScenario
{
    private readonly TableClient _ceiling;
    private readonly TableClient _layout;
    private readonly BenchOptions _options;

    private CeilingScenario(TableServiceClient service, BenchOptions options)
    {
        (_ceiling, _layout, _options) = (service.GetTableClient("benchceiling"), service.GetTableClient("benchlayout"), options);
    }

    public static async Task<CeilingScenario> CreateAsync(Azurite azurite, BenchOptions options)
    {
        var service = StorageServiceCollectionExtensions.CreateServiceClient(new TableStorageOptions { ConnectionString = azurite.ConnectionString });
        var scenario = new CeilingScenario(service, options);
        await scenario._ceiling.CreateIfNotExistsAsync();
        await scenario._layout.CreateIfNotExistsAsync();
        return scenario;
    }

    /// <summary>Every batch into a partition of its own: what the storage takes when nothing is shared.</summary>
    public Task<TimeSpan> InsertCeilingAsync(string tag, DateTimeOffset hour, int entities) => InsertAsync(_ceiling,
        Enumerable.Range(0, (entities + 99) / 100)
            .Select(b => Entities($"ceiling~{tag}~{hour:yyyyMMddHH}~{b:D6}", b, hour, Math.Min(100, entities - b * 100)).ToList()).ToList(),
        _options.Producers);

    /// <summary>The ingest run's layout: batch b from source b mod Sources, in that source's shard of the hour, as the app stores it.</summary>
    public Task<TimeSpan> InsertLayoutAsync(string tag, DateTimeOffset hour, int entities)
    {
        var shards = new TableStorageOptions().RawEventShards;
        var account = "acct_layout" + tag;
        return InsertAsync(_layout, Enumerable.Range(0, (entities + 99) / 100)
            .Select(b => Entities(RawEventKeys.Partition(account, hour, RawEventKeys.ShardOf(EventBatches.SourceOf(b % _options.Sources), shards)),
                b, hour, Math.Min(100, entities - b * 100)).ToList()).ToList(), _options.Producers);
    }

    /// <summary>One range scan over every ceiling entity written so far; returns entities per second.</summary>
    public async Task<double> ScanAsync(int expected)
    {
        var started = Stopwatch.GetTimestamp();
        var read = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {"ceiling~"} and PartitionKey lt {"ceiling~~"}");
        await foreach (var entity in _ceiling.QueryAsync<RawEventEntity>(filter))
        {
            if (entity.Data.Length > 0) read++;
        }
        var scan = Stopwatch.GetElapsedTime(started);
        if (read != expected) throw new InvalidOperationException($"The scan read {read} of {expected} entities.");
        return read / scan.TotalSeconds;
    }

    private static async Task<TimeSpan> InsertAsync(TableClient table, List<List<RawEventEntity>> batches, int writers)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < batches.Count; b = Interlocked.Increment(ref next))
                await table.SubmitTransactionAsync(batches[b].Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        }));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The shape the app stores for a message event: same properties, similar sizes.</summary>
    private static IEnumerable<RawEventEntity> Entities(string partitionKey, int batch, DateTimeOffset hour, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var at = hour.AddSeconds(i * 7 % 3500);
            yield return new RawEventEntity
            {
                PartitionKey = partitionKey,
                RowKey = Guid.NewGuid().ToString("N"),
                AccountId = "acct_ceiling",
                Source = EventBatches.SourceOf(batch % 16),
                EventId = $"ceiling-{batch}-{i}",
                Type = "usage.message.sent",
                Time = at,
                OccurredAt = at,
                Data = $$"""{"phoneNumberId":"num_{{i % 5}}","agentId":"agent_{{i % 3}}"}""",
                ReceivedAt = DateTimeOffset.UtcNow,
            };
        }
    }
}
