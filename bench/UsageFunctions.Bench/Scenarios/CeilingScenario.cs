using System.Diagnostics;
using Azure.Data.Tables;
using UsageFunctions.Storage;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Bench;

/// <summary>
/// The local physical limit: bare Azure.Data.Tables 100-entity transactions of raw-event entities into fresh
/// partitions from as many writers as the ingest run has producers, then one range scan reading them all back.
/// </summary>
public static class CeilingScenario
{
    public static async Task<CeilingResult> RunAsync(Azurite azurite, BenchOptions options)
    {
        var service = StorageServiceCollectionExtensions.CreateServiceClient(new TableStorageOptions { ConnectionString = azurite.ConnectionString });
        var table = service.GetTableClient("benchceiling");
        await table.CreateIfNotExistsAsync();
        var hour = EventBatches.LastFullHour();
        var batches = Enumerable.Range(0, (options.CeilingEntities + 99) / 100)
            .Select(b => Entities($"ceiling~{hour:yyyyMMddHH}~{b:D6}", b, hour, Math.Min(100, options.CeilingEntities - b * 100)).ToList())
            .ToList();
        var cpu = CpuMeter.StorageOnly(azurite);
        var insert = await InsertAsync(table, batches, options.Producers);
        var insertCpu = cpu.Stop(insert);
        // The ingest run's layout: one hour, each producer's batches in the partition its source hashes to (producers may
        // share one), 100-entity transactions.
        var shards = new TableStorageOptions().RawEventShards;
        var layout = Enumerable.Range(0, options.IngestEvents / 100)
            .Select(b => Entities($"layout~{hour:yyyyMMddHH}~{RawEventKeys.ShardOf(EventBatches.SourceOf(b % options.Producers), shards):D2}", b, hour, 100).ToList())
            .ToList();
        var layoutInsert = await InsertAsync(table, layout, options.Producers);

        var started = Stopwatch.GetTimestamp();
        var read = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {"ceiling~"} and PartitionKey lt {"ceiling~~"}");
        await foreach (var entity in table.QueryAsync<RawEventEntity>(filter))
        {
            if (entity.Data.Length > 0) read++;
        }
        var scan = Stopwatch.GetElapsedTime(started);
        if (read != options.CeilingEntities) throw new InvalidOperationException($"The scan read {read} of {options.CeilingEntities} entities.");
        return new CeilingResult(options.CeilingEntities, options.Producers,
            options.CeilingEntities / insert.TotalSeconds, read / scan.TotalSeconds, insertCpu,
            layout.Count * 100 / layoutInsert.TotalSeconds);
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
                Source = "/bench",
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
