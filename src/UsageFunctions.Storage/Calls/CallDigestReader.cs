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
/// totals, whose parts say which hours have calls, and the days' digests, handed over as the rows arrive: a row per day,
/// so a page of 1,000 rows covers more than a year). Round 2: one raw query per run of hours that must be read raw
/// (pending hours, and hours with calls that no digest of the family asked answers for, rolled up before it existed),
/// usually the current one.
/// </summary>
public sealed class CallDigestReader(TableClients tables, IEventStore events, PendingHours pending)
{
    /// <summary>
    /// Hands <paramref name="hour"/> each hour of [from, to) with calls, once, with its calls created in the range in
    /// <see cref="DigestCall.CanonicalOrder"/> (with <see cref="CallDigestFamily.Text"/>, each with its text). Digested
    /// hours come first, then the hours read raw. Without <paramref name="ids"/>, text digests are read without their
    /// calls' ids and summaries (for metadata filters; raw hours keep theirs).
    /// </summary>
    public async Task ReadAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CallDigestFamily family,
        Action<DateTimeOffset, List<DigestCall>> hour, CancellationToken cancellationToken, bool ids = true)
    {
        if (from >= to) return;
        var firstHour = RawEventKeys.HourStart(from);
        var endHour = RawEventKeys.HourStart(to) == to ? to : RawEventKeys.HourStart(to).AddHours(1);
        var pendingRead = pending.ReadAsync(accountId, cancellationToken);
        HashSet<DateTimeOffset>? pendingHours = null;
        var digested = new HashSet<DateTimeOffset>();
        var days = new Dictionary<DateTimeOffset, string?>();
        // Hour rows written before day rows: used once every day row has been seen, for the hours none answers for.
        var hourRows = new Dictionary<DateTimeOffset, List<DigestCall>>();
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        (DateTimeOffset Day, int Hours, List<DigestCall> Calls)? open = null;
        var select = family == CallDigestFamily.Text && !ids
            ? CallDigestRows.MetadataOnly(nameof(AggregateEntity.Bucket), nameof(AggregateEntity.Parts))
            : null;
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(accountId, firstHour, endHour, family), select: select, cancellationToken: cancellationToken))
        {
            if (!CallDigestRows.IsDigest(row.RowKey) && !CallDigestRows.IsText(row.RowKey))
            {
                days[AggregateKeys.ParseBucket(BucketGrain.Day, row.GetString(nameof(AggregateEntity.Bucket)))] = row.GetString(nameof(AggregateEntity.Parts));
                continue;
            }
            if (CallDigestRows.IsHourRow(row.RowKey))
            {
                var at = CallDigestRows.HourOf(row.RowKey);
                if (!hourRows.TryGetValue(at, out var calls)) hourRows[at] = calls = [];
                calls.AddRange(CallDigestRows.Decode(row));
                continue;
            }
            // A pending hour's digest may lack its newest calls: it is read raw.
            pendingHours ??= [.. (await pendingRead).Hours];
            var day = CallDigestRows.DayOf(row.RowKey);
            if (open?.Day != day)
            {
                if (open is { } done) HandDay(done.Day, done.Hours, done.Calls);
                open = (day, row.GetInt32("Hours") ?? 0, []);
            }
            open.Value.Calls.AddRange(CallDigestRows.Decode(row));
        }
        if (open is { } last) HandDay(last.Day, last.Hours, last.Calls);

        pendingHours ??= [.. (await pendingRead).Hours];
        foreach (var (at, calls) in hourRows.Where(h => !digested.Contains(h.Key)).OrderBy(h => h.Key))
        {
            digested.Add(at);
            if (!pendingHours.Contains(at)) Hand(at, calls);
        }
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

        // A day row's calls are in canonical order, so each hour's are a run of them.
        void HandDay(DateTimeOffset day, int hours, List<DigestCall> calls)
        {
            for (var h = 0; h < 24; h++)
                if ((hours & (1 << h)) != 0) digested.Add(day.AddHours(h));
            DigestCall.SortCanonically(calls);
            var start = 0;
            while (start < calls.Count)
            {
                var at = RawEventKeys.HourStart(calls[start].CreatedAt);
                var end = start + 1;
                while (end < calls.Count && calls[end].CreatedAt < at.AddHours(1)) end++;
                if (digested.Contains(at) && !pendingHours!.Contains(at)) Hand(at, calls.GetRange(start, end - start));
                start = end;
            }
        }

        void Hand(DateTimeOffset at, List<DigestCall> calls)
        {
            if (at < from || at.AddHours(1) > to) calls.RemoveAll(c => c.CreatedAt < from || c.CreatedAt >= to);
            if (calls.Count == 0) return;
            DigestCall.SortCanonically(calls);
            hour(at, calls);
        }
    }

    /// <summary>
    /// The days' <c>calls</c> totals and the digests of one family (day rows, and the hour rows written before them),
    /// over the day partitions of the range.
    /// </summary>
    private static string Filter(string accountId, DateTimeOffset firstHour, DateTimeOffset endHour, CallDigestFamily family)
    {
        var firstDay = new UtcBucket(BucketGrain.Day, UtcDecomposition.Floor(firstHour, BucketGrain.Day));
        var lastDay = new UtcBucket(BucketGrain.Day, UtcDecomposition.Floor(endHour.AddHours(-1), BucketGrain.Day));
        var total = CellKey.Total(MeterKeys.Calls);
        var dayRows = CallDigestRows.Range(firstDay.Start, lastDay.Start.AddDays(1), family, hourRows: false);
        var hourRows = CallDigestRows.Range(firstHour, endHour, family, hourRows: true);
        return TableClient.CreateQueryFilter(
            $"PartitionKey ge {AggregateKeys.Partition(accountId, firstDay)} and PartitionKey le {AggregateKeys.Partition(accountId, lastDay)} and ((RowKey ge {AggregateKeys.Row(total, firstDay)} and RowKey le {AggregateKeys.Row(total, lastDay)}) or (RowKey ge {dayRows.From} and RowKey lt {dayRows.To}) or (RowKey ge {hourRows.From} and RowKey lt {hourRows.To}))");
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
