using Azure.Data.Tables;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Rollups;

/// <summary>
/// Reads figures for windows: whole UTC buckets from the aggregates (one query per run of consecutive partitions),
/// partial edge hours from raw events.
/// </summary>
public sealed class AggregateReader(TableClients tables, IEventStore events, HourSummaryReader summaries, MeterCatalog catalog,
    TimeProvider clock)
{
    /// <summary>Where level histories are read from: no aggregate is older.</summary>
    public static readonly DateTimeOffset HistoryStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The figures of the buckets, rows limited to the RowKey prefixes (none: every meter). Months and days are read from
    /// their rows, one query per run of consecutive partitions; hours from the <see cref="AggregateEntity.Parts"/> of
    /// their day's rows, so hours cost no query of their own: the day partition (one per account-month) answers them.
    /// Days written before rows had parts are read from their hour partitions instead.
    /// </summary>
    public async Task<Dictionary<UtcBucket, CellSet>> ReadBucketsAsync(string accountId, IEnumerable<UtcBucket> buckets,
        IReadOnlyList<string> rowPrefixes, CancellationToken cancellationToken)
    {
        var wanted = buckets.Distinct().ToList();
        var result = wanted.ToDictionary(b => b, _ => new CellSet(catalog));
        if (wanted.Count == 0) return result;
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        var hourDays = wanted.Where(b => b.Grain == BucketGrain.Hour).Select(AggregateKeys.Container).ToHashSet();
        var rows = await ReadRowsAsync(table, accountId, wanted.Where(b => b.Grain != BucketGrain.Hour).Concat(hourDays).Distinct(),
            rowPrefixes, cancellationToken);
        var withoutParts = new HashSet<UtcBucket>();
        foreach (var (bucket, row) in rows)
        {
            var (key, cell) = AggregateRows.ToCell(row);
            if (result.TryGetValue(bucket, out var whole)) whole.Add(key, cell);
            if (!hourDays.Contains(bucket)) continue;
            if (row.Parts is null)
            {
                withoutParts.Add(bucket);
                continue;
            }
            foreach (var (index, part) in RowParts.Decode(row.Parts))
                if (result.TryGetValue(new UtcBucket(BucketGrain.Hour, bucket.Start.AddHours(index)), out var hour)) hour.Add(key, part);
        }
        if (withoutParts.Count == 0) return result;
        var legacy = wanted.Where(b => b.Grain == BucketGrain.Hour && withoutParts.Contains(AggregateKeys.Container(b))).ToList();
        foreach (var hour in legacy) result[hour] = new CellSet(catalog);
        foreach (var (bucket, row) in await ReadRowsAsync(table, accountId, legacy, rowPrefixes, cancellationToken))
        {
            var (key, cell) = AggregateRows.ToCell(row);
            result[bucket].Add(key, cell);
        }
        return result;
    }

    /// <summary>
    /// The rows of the buckets (of any grain): one query per run of consecutive partitions of one grain, limited in the
    /// service to the RowKey prefixes and to the buckets' range, answered with the wanted bucket each row belongs to.
    /// </summary>
    private static async Task<List<(UtcBucket Bucket, AggregateEntity Row)>> ReadRowsAsync(TableClient table, string accountId,
        IEnumerable<UtcBucket> buckets, IReadOnlyList<string> rowPrefixes, CancellationToken cancellationToken)
    {
        var byKey = buckets.Distinct().ToDictionary(b => (b.Grain, AggregateKeys.BucketKey(b)));
        var runs = await Task.WhenAll(PartitionRuns(byKey.Values).Select(async run =>
        {
            var keys = byKey.Values.Where(b => b.Grain == run.First.Grain && b.Start >= run.First.Start && b.Start < run.End)
                .Select(AggregateKeys.BucketKey).Order(StringComparer.Ordinal).ToList();
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey ge {AggregateKeys.Partition(accountId, run.First)} and PartitionKey le {AggregateKeys.Partition(accountId, run.Last)} and Bucket ge {keys[0]} and Bucket le {keys[^1]}");
            var rows = new List<(UtcBucket, AggregateEntity)>();
            await foreach (var row in table.QueryAsync<AggregateEntity>(filter + RowFilter(rowPrefixes), cancellationToken: cancellationToken))
                if (byKey.TryGetValue((run.First.Grain, row.Bucket), out var bucket)) rows.Add((bucket, row));
            return rows;
        }));
        return [.. runs.SelectMany(r => r)];
    }

    /// <summary>
    /// The figures of [from, to) merged: whole buckets from aggregates, edges and <paramref name="pending"/> hours from raw
    /// events (<see cref="ExactDecomposition"/>).
    /// </summary>
    public async Task<CellSet> ReadWindowAsync(string accountId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> rowPrefixes,
        IReadOnlySet<DateTimeOffset> pending, CancellationToken cancellationToken)
    {
        var window = ExactDecomposition.Of(from, to, pending);
        var bucketsRead = ReadBucketsAsync(accountId, window.Buckets, rowPrefixes, cancellationToken);
        var edges = await ReadEdgesAsync(accountId, window.Edges, cancellationToken);
        var buckets = await bucketsRead;
        return CellSet.MergeAll(catalog, buckets.Values.Concat(edges.Values.Select(e => Only(e, rowPrefixes))));
    }

    /// <summary>
    /// Partial and pending hours. An edge that begins on its hour and ends at the hour's end, or at about now (the
    /// current hour so far), is first asked of the hour's batch summaries (<see cref="HourSummaryReader"/>: one query
    /// per run of such hours, a row per ingestion transaction). Every other edge, and one the summaries cannot answer
    /// exactly, is read from raw events: overlapping or adjacent edges together, each such span with one range query
    /// whose time filter runs in the service, so a partial hour returns only the rows it counts.
    /// </summary>
    public async Task<Dictionary<(DateTimeOffset From, DateTimeOffset To), CellSet>> ReadEdgesAsync(string accountId,
        IEnumerable<(DateTimeOffset From, DateTimeOffset To)> edges, CancellationToken cancellationToken)
    {
        var wanted = edges.Distinct().ToList();
        if (wanted.Count == 0) return [];
        var recent = clock.GetUtcNow() - RecentEnd;
        var summarised = wanted.Where(e => e.From == RawEventKeys.HourStart(e.From) && e.To <= e.From.AddHours(1)
                                            && (e.To == e.From.AddHours(1) || e.To >= recent)).ToList();
        var fromSummaries = summaries.ReadAsync(accountId, summarised, cancellationToken);
        var rawRead = ReadRawAsync(accountId, wanted.Except(summarised).ToList(), cancellationToken);
        var answered = await fromSummaries;
        var result = await rawRead;
        foreach (var (edge, cells) in answered) result[edge] = cells;
        var missed = summarised.Where(e => !answered.ContainsKey(e)).ToList();
        if (missed.Count > 0)
            foreach (var (edge, cells) in await ReadRawAsync(accountId, missed, cancellationToken)) result[edge] = cells;
        return result;
    }

    /// <summary>How far before now an edge may end and still be asked of the summaries: a batch after its end would make them unusable.</summary>
    private static readonly TimeSpan RecentEnd = TimeSpan.FromMinutes(1);

    private async Task<Dictionary<(DateTimeOffset From, DateTimeOffset To), CellSet>> ReadRawAsync(string accountId,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> wanted, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0) return [];
        var spans = await Task.WhenAll(Spans(wanted).Select(async span =>
        {
            var read = new List<Domain.Events.UsageEvent>();
            await foreach (var e in events.ReadRangeAsync(accountId, span.From, span.To, cancellationToken)) read.Add(e.Event);
            return read;
        }));
        var stored = spans.SelectMany(h => h).ToList();
        return wanted.ToDictionary(edge => edge,
            edge => HourAggregator.Aggregate(catalog, stored.Where(e => e.OccurredAt >= edge.From && e.OccurredAt < edge.To)));
    }

    /// <summary>The union of the edges as disjoint spans, oldest first.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Spans(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> edges)
    {
        (DateTimeOffset From, DateTimeOffset To)? current = null;
        foreach (var edge in edges.Where(e => e.From < e.To).OrderBy(e => e.From))
        {
            if (current is { } c && edge.From <= c.To)
            {
                current = (c.From, edge.To > c.To ? edge.To : c.To);
                continue;
            }
            if (current is { } done) yield return done;
            current = edge;
        }
        if (current is { } last) yield return last;
    }

    /// <summary>Raw edges hold every meter; keep what the RowKey prefixes would have kept from the aggregates.</summary>
    public static CellSet Only(CellSet cells, IReadOnlyList<string> rowPrefixes)
    {
        if (rowPrefixes.Count == 0) return cells;
        var kept = new CellSet(cells.Catalog);
        foreach (var (key, cell) in cells.Cells)
        {
            var row = AggregateKeys.Row(key, default);
            if (rowPrefixes.Any(p => row.StartsWith(p + StorageKeys.Separator, StringComparison.Ordinal))) kept.Add(key, cell);
        }
        return kept;
    }

    /// <summary>
    /// Groups the buckets' partitions into runs of consecutive ones (same grain), each read by one range query: the
    /// first and last partition's first bucket, and the end of the last partition's time.
    /// </summary>
    private static IEnumerable<(UtcBucket First, UtcBucket Last, DateTimeOffset End)> PartitionRuns(IEnumerable<UtcBucket> buckets)
    {
        foreach (var grain in buckets.GroupBy(b => b.Grain))
        {
            var containers = grain.Select(AggregateKeys.Container).Distinct().OrderBy(c => c.Start).ToList();
            var first = containers.FirstOrDefault();
            for (var i = 0; i < containers.Count; i++)
            {
                var last = i + 1 == containers.Count || Step(grain.Key, containers[i].Start) != containers[i + 1].Start;
                if (!last) continue;
                yield return (Inner(grain.Key, first), Inner(grain.Key, containers[i]), Step(grain.Key, containers[i].Start));
                if (i + 1 < containers.Count) first = containers[i + 1];
            }
        }
    }

    private static DateTimeOffset Step(BucketGrain grain, DateTimeOffset container) => grain switch
    {
        BucketGrain.Hour => container.AddDays(1),
        BucketGrain.Day => container.AddMonths(1),
        _ => container.AddYears(1),
    };

    private static UtcBucket Inner(BucketGrain grain, UtcBucket container) => new(grain, container.Start);

    private static string RowFilter(IReadOnlyList<string> prefixes)
    {
        if (prefixes.Count == 0) return "";
        var ranges = prefixes.Select(p => TableClient.CreateQueryFilter($"(RowKey ge {p + StorageKeys.Separator} and RowKey lt {StorageKeys.PrefixEnd(p)})"));
        return " and (" + string.Join(" or ", ranges) + ")";
    }
}
