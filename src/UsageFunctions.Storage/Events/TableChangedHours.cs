using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// PartitionKey: arrival minute <c>yyyyMMddHHmm</c>; RowKey: <c>{account}~{yyyyMMddHH}</c>. Each instance writes a
/// pair at most once per arrival minute (concurrent requests share the one write), so marking costs about one
/// transaction per account-hour-minute, not per request.
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
        var write = _written.GetOrAdd(cacheKey, _ => new Lazy<Task>(() => WriteAsync(minute, rows)));
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

    public async Task<IReadOnlyList<DateTimeOffset>> ReadAccountAsync(string accountId, DateTimeOffset fromMinute, DateTimeOffset toMinute,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.ChangedHours, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {MinuteKey(fromMinute)} and PartitionKey lt {MinuteKey(toMinute)} and RowKey gt {accountId + StorageKeys.Separator} and RowKey lt {StorageKeys.PrefixEnd(accountId)}");
        var hours = new HashSet<DateTimeOffset>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            hours.Add(RawEventKeys.ParseHour(entity.RowKey[(entity.RowKey.LastIndexOf(StorageKeys.Separator) + 1)..]));
        return [.. hours];
    }

    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.ChangedHours, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {MinuteKey(cutoff)}");
        var deletes = new List<TableTransactionAction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        await BatchWriter.SubmitAsync(table, deletes, cancellationToken);
        return deletes.Count;
    }

    public static string MinuteKey(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture);

    private async Task WriteAsync(string minute, IReadOnlyList<string> rows)
    {
        var table = await tables.GetAsync(TableNames.ChangedHours);
        var actions = rows.Select(row => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, new TableEntity(minute, row)));
        await BatchWriter.SubmitAsync(table, actions, CancellationToken.None);
    }

    private void Trim(string currentMinute)
    {
        foreach (var key in _written.Keys.Where(k => !k.StartsWith(currentMinute, StringComparison.Ordinal)))
            _written.TryRemove(key, out _);
    }
}
