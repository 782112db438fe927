using Azure.Data.Tables;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// The calls created in a range, exact to the event, without reading each raw call: the hours the roll-up has digested
/// come from <see cref="CallDigestRows"/>, every other hour from raw events. Round 1, in parallel: the account's pending
/// hours and one query of its day partitions over the range (the days' <c>calls</c> totals, whose parts say which hours
/// have calls, and the hours' digests). Round 2: one raw query per run of hours that must be read raw (pending hours,
/// and hours with calls but no digest of the family asked, rolled up before it existed), usually the current one.
/// </summary>
public sealed class CallDigestReader(TableClients tables, IEventStore events, PendingHours pending)
{
    /// <summary>The calls created in [from, to); with <see cref="CallDigestFamily.Text"/>, each with its text.</summary>
    public async Task<List<DigestCall>> ReadAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CallDigestFamily family,
        CancellationToken cancellationToken)
    {
        if (from >= to) return [];
        var firstHour = RawEventKeys.HourStart(from);
        var endHour = RawEventKeys.HourStart(to) == to ? to : RawEventKeys.HourStart(to).AddHours(1);
        var pendingRead = pending.ReadAsync(accountId, cancellationToken);
        var (days, digests) = await ReadRowsAsync(accountId, firstHour, endHour, family, cancellationToken);
        var raw = new SortedSet<DateTimeOffset>((await pendingRead).Hours.Where(h => h >= firstHour && h < endHour));
        for (var day = UtcDecomposition.Floor(firstHour, BucketGrain.Day); day < endHour; day = day.AddDays(1))
        {
            if (!days.TryGetValue(day, out var parts)) continue;
            var withCalls = parts is null
                ? Enumerable.Range(0, 24)
                : RowParts.Decode(parts).Where(p => p.Cell.Value != 0).Select(p => p.Index);
            foreach (var hour in withCalls.Select(h => day.AddHours(h)))
                if (hour >= firstHour && hour < endHour && !digests.ContainsKey(hour)) raw.Add(hour);
        }

        var calls = digests.Where(d => !raw.Contains(d.Key)).SelectMany(d => d.Value).Where(c => c.CreatedAt >= from && c.CreatedAt < to).ToList();
        var reads = HourRuns.Of(raw).Select(run => ReadRawAsync(accountId, Max(run.From, from), Min(run.To, to), cancellationToken));
        foreach (var read in await Task.WhenAll(reads)) calls.AddRange(read);
        return calls;
    }

    private async Task<(Dictionary<DateTimeOffset, string?> Days, Dictionary<DateTimeOffset, List<DigestCall>> Digests)> ReadRowsAsync(
        string accountId, DateTimeOffset firstHour, DateTimeOffset endHour, CallDigestFamily family, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        var firstDay = new UtcBucket(BucketGrain.Day, UtcDecomposition.Floor(firstHour, BucketGrain.Day));
        var lastDay = new UtcBucket(BucketGrain.Day, UtcDecomposition.Floor(endHour.AddHours(-1), BucketGrain.Day));
        var total = CellKey.Total(MeterKeys.Calls);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {AggregateKeys.Partition(accountId, firstDay)} and PartitionKey le {AggregateKeys.Partition(accountId, lastDay)} and ((RowKey ge {AggregateKeys.Row(total, firstDay)} and RowKey le {AggregateKeys.Row(total, lastDay)}) or (RowKey ge {CallDigestRows.HourKey(firstHour, family)} and RowKey lt {CallDigestRows.HourKey(endHour, family)}))");
        var days = new Dictionary<DateTimeOffset, string?>();
        var digests = new Dictionary<DateTimeOffset, List<DigestCall>>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (CallDigestRows.IsDigest(row.RowKey) || CallDigestRows.IsText(row.RowKey))
            {
                var hour = CallDigestRows.HourOf(row.RowKey);
                if (!digests.TryGetValue(hour, out var list)) digests[hour] = list = [];
                list.AddRange(CallDigestRows.Decode(row));
            }
            else days[AggregateKeys.ParseBucket(BucketGrain.Day, row.GetString(nameof(AggregateEntity.Bucket)))] = row.GetString(nameof(AggregateEntity.Parts));
        }
        return (days, digests);
    }

    private async Task<List<DigestCall>> ReadRawAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var calls = new List<DigestCall>();
        await foreach (var stored in events.ReadRangeAsync(accountId, from, to, cancellationToken))
            if (DigestCall.Of(stored.Event) is { } call) calls.Add(call);
        return calls;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
