using Azure.Data.Tables;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// The calls created in a range, exact to the event, without reading each raw call, handed over an hour at a time: the
/// hours the roll-up has digested come from <see cref="CallDigestRows"/>, every other hour from raw events. Round 1, in
/// parallel: the account's pending hours and one query of its day partitions over the range (the days' <c>calls</c>
/// totals, whose parts say which hours have calls, and the hours' digests, handed over as the rows arrive). Round 2: one
/// raw query per run of hours that must be read raw (pending hours, and hours with calls but no digest of the family
/// asked, rolled up before it existed), usually the current one.
/// </summary>
public sealed class CallDigestReader(TableClients tables, IEventStore events, PendingHours pending)
{
    /// <summary>
    /// Hands <paramref name="hour"/> each hour of [from, to) with calls, once, with its calls created in the range in
    /// <see cref="DigestCall.CanonicalOrder"/> (with <see cref="CallDigestFamily.Text"/>, each with its text). Digested
    /// hours come first, oldest first, then the hours read raw.
    /// </summary>
    public async Task ReadAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CallDigestFamily family,
        Action<DateTimeOffset, List<DigestCall>> hour, CancellationToken cancellationToken)
    {
        if (from >= to) return;
        var firstHour = RawEventKeys.HourStart(from);
        var endHour = RawEventKeys.HourStart(to) == to ? to : RawEventKeys.HourStart(to).AddHours(1);
        var pendingRead = pending.ReadAsync(accountId, cancellationToken);
        HashSet<DateTimeOffset>? pendingHours = null;
        var digested = new HashSet<DateTimeOffset>();
        var days = new Dictionary<DateTimeOffset, string?>();
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        (DateTimeOffset Hour, List<DigestCall> Calls)? current = null;
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(accountId, firstHour, endHour, family), cancellationToken: cancellationToken))
        {
            if (!CallDigestRows.IsDigest(row.RowKey) && !CallDigestRows.IsText(row.RowKey))
            {
                days[AggregateKeys.ParseBucket(BucketGrain.Day, row.GetString(nameof(AggregateEntity.Bucket)))] = row.GetString(nameof(AggregateEntity.Parts));
                continue;
            }
            // A pending hour's digest may lack its newest calls: it is read raw.
            pendingHours ??= [.. (await pendingRead).Hours];
            var rowHour = CallDigestRows.HourOf(row.RowKey);
            digested.Add(rowHour);
            if (pendingHours.Contains(rowHour)) continue;
            if (current?.Hour != rowHour)
            {
                if (current is { } done) Hand(done.Hour, done.Calls);
                current = (rowHour, []);
            }
            current.Value.Calls.AddRange(CallDigestRows.Decode(row));
        }
        if (current is { } last) Hand(last.Hour, last.Calls);

        pendingHours ??= [.. (await pendingRead).Hours];
        var raw = new SortedSet<DateTimeOffset>(pendingHours.Where(h => h >= firstHour && h < endHour));
        for (var day = UtcDecomposition.Floor(firstHour, BucketGrain.Day); day < endHour; day = day.AddDays(1))
        {
            if (!days.TryGetValue(day, out var parts)) continue;
            var withCalls = parts is null
                ? Enumerable.Range(0, 24)
                : RowParts.Decode(parts).Where(p => p.Cell.Value != 0).Select(p => p.Index);
            foreach (var h in withCalls.Select(h => day.AddHours(h)))
                if (h >= firstHour && h < endHour && !digested.Contains(h)) raw.Add(h);
        }
        var reads = HourRuns.Of(raw).Select(run => ReadRawAsync(accountId, Max(run.From, from), Min(run.To, to), cancellationToken));
        foreach (var read in await Task.WhenAll(reads))
            foreach (var calls in read.GroupBy(c => RawEventKeys.HourStart(c.CreatedAt)).OrderBy(g => g.Key))
                Hand(calls.Key, [.. calls]);

        void Hand(DateTimeOffset at, List<DigestCall> calls)
        {
            if (at < from || at.AddHours(1) > to) calls.RemoveAll(c => c.CreatedAt < from || c.CreatedAt >= to);
            if (calls.Count == 0) return;
            DigestCall.SortCanonically(calls);
            hour(at, calls);
        }
    }

    /// <summary>The days' <c>calls</c> totals and the hours' digests of one family, over the day partitions of the range.</summary>
    private static string Filter(string accountId, DateTimeOffset firstHour, DateTimeOffset endHour, CallDigestFamily family)
    {
        var firstDay = new UtcBucket(BucketGrain.Day, UtcDecomposition.Floor(firstHour, BucketGrain.Day));
        var lastDay = new UtcBucket(BucketGrain.Day, UtcDecomposition.Floor(endHour.AddHours(-1), BucketGrain.Day));
        var total = CellKey.Total(MeterKeys.Calls);
        return TableClient.CreateQueryFilter(
            $"PartitionKey ge {AggregateKeys.Partition(accountId, firstDay)} and PartitionKey le {AggregateKeys.Partition(accountId, lastDay)} and ((RowKey ge {AggregateKeys.Row(total, firstDay)} and RowKey le {AggregateKeys.Row(total, lastDay)}) or (RowKey ge {CallDigestRows.HourKey(firstHour, family)} and RowKey lt {CallDigestRows.HourKey(endHour, family)}))");
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
