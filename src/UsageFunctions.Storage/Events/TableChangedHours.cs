using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// PartitionKey: arrival minute <c>yyyyMMddHHmm</c>; RowKey: <c>{account}~{yyyyMMddHH}</c>. Each instance writes a
/// pair at most once per arrival minute (concurrent requests share the one write), so marking costs about one
/// transaction per account-hour-minute, not per request. The same write also records the pairs in the account's own
/// partition, PartitionKey <c>a~{account}</c> (above every minute key), RowKey <c>{yyyyMMddHHmm}~{yyyyMMddHH}</c>: a read
/// finds the account's hours that arrived since the roll-up's watermark with one range query of one partition.
/// </summary>
public sealed class TableChangedHours(TableClients tables, TimeProvider clock) : IChangedHours
{
    public const string MinuteFormat = "yyyyMMddHHmm";
    private readonly ConcurrentDictionary<string, Lazy<Task>> _written = new(StringComparer.Ordinal);

    public async Task MarkAsync(string accountId, IEnumerable<DateTimeOffset> hours, CancellationToken cancellationToken)
    {
        var minute = clock.GetUtcNow().UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture);
        var rows = hours.Select(RawEventKeys.HourKey).Distinct().Select(h => StorageKeys.Join(accountId, h)).ToList();
        var cacheKey = StorageKeys.Join(minute, string.Join(',', rows));
        var write = _written.GetOrAdd(cacheKey, _ => new Lazy<Task>(() => WriteAsync(accountId, minute, rows)));
        try
        {
            await write.Value.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            _written.TryRemove(new KeyValuePair<string, Lazy<Task>>(cacheKey, write));
            throw;
        }
        if (_written.Count > 10_000) Trim(minute);
    }

    public async Task<IReadOnlyList<ChangedHour>> ReadAsync(
        DateTimeOffset fromMinute, DateTimeOffset toMinute, CancellationToken cancellationToken)
    {
        using var span = UsageTracing.Phase("changed_hours.read");
        var table = await tables.GetAsync(TableNames.ChangedHours, cancellationToken);
        var from = MinuteKey(fromMinute);
        var to = MinuteKey(toMinute);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to}");
        var result = new HashSet<ChangedHour>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var split = entity.RowKey.LastIndexOf(StorageKeys.Separator);
            result.Add(new ChangedHour(entity.RowKey[..split], RawEventKeys.ParseHour(entity.RowKey[(split + 1)..])));
        }
        return [.. result];
    }

    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.ChangedHours, cancellationToken);
        return await DeleteAsync(table, TableClient.CreateQueryFilter($"PartitionKey lt {MinuteKey(cutoff)}"), cancellationToken);
    }

    public async Task<IReadOnlyList<AccountArrival>> ReadAccountAsync(string accountId, DateTimeOffset? fromMinute,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.ChangedHours, cancellationToken);
        var from = fromMinute is { } m ? MinuteKey(m) : "";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AccountPartition(accountId)} and RowKey ge {from}");
        var result = new List<AccountArrival>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var split = entity.RowKey.IndexOf(StorageKeys.Separator);
            result.Add(new AccountArrival(ParseMinute(entity.RowKey[..split]), RawEventKeys.ParseHour(entity.RowKey[(split + 1)..])));
        }
        return result;
    }

    public async Task<int> PurgeAccountBeforeAsync(string accountId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.ChangedHours, cancellationToken);
        return await DeleteAsync(table,
            TableClient.CreateQueryFilter($"PartitionKey eq {AccountPartition(accountId)} and RowKey lt {MinuteKey(cutoff)}"), cancellationToken);
    }

    private static async Task<int> DeleteAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var deletes = new List<TableTransactionAction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        await BatchWriter.SubmitAsync(table, deletes, cancellationToken);
        return deletes.Count;
    }

    public static string MinuteKey(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture);

    /// <summary>Starts with a letter, so it sorts above every arrival-minute partition and no minute range reaches it.</summary>
    public static string AccountPartition(string accountId) => StorageKeys.Join("a", accountId);

    private static DateTimeOffset ParseMinute(string minuteKey) => new(DateTime.ParseExact(minuteKey, MinuteFormat,
        CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    private async Task WriteAsync(string accountId, string minute, IReadOnlyList<string> rows)
    {
        var table = await tables.GetAsync(TableNames.ChangedHours);
        var global = rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(minute, row)));
        var own = rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(AccountPartition(accountId), StorageKeys.Join(minute, row[(row.LastIndexOf(StorageKeys.Separator) + 1)..]))));
        await Task.WhenAll(BatchWriter.SubmitAsync(table, global, CancellationToken.None),
            BatchWriter.SubmitAsync(table, own, CancellationToken.None));
    }

    private void Trim(string currentMinute)
    {
        foreach (var key in _written.Keys.Where(k => !k.StartsWith(currentMinute, StringComparison.Ordinal)))
            _written.TryRemove(key, out _);
    }
}
