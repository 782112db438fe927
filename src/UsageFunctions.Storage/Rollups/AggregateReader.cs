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
public sealed class AggregateReader(TableClients tables, IEventStore events, MeterCatalog catalog)
{
    /// <summary>Where level histories are read from: no aggregate is older.</summary>
    public static readonly DateTimeOffset HistoryStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The figures of the buckets, keyed by grain and bucket key; rows limited to the RowKey prefixes (none: every meter).</summary>
    public async Task<Dictionary<UtcBucket, CellSet>> ReadBucketsAsync(string accountId, IEnumerable<UtcBucket> buckets,
        IReadOnlyList<string> rowPrefixes, CancellationToken cancellationToken)
    {
        var wanted = buckets.Distinct().ToList();
        var byKey = wanted.ToDictionary(b => (b.Grain, AggregateKeys.BucketKey(b)));
        var result = wanted.ToDictionary(b => b, _ => new CellSet(catalog));
        if (wanted.Count == 0) return result;
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        var runs = await Task.WhenAll(PartitionRuns(wanted).Select(async run =>
        {
            var partitions = TableClient.CreateQueryFilter(
                $"PartitionKey ge {AggregateKeys.Partition(accountId, run.First)} and PartitionKey le {AggregateKeys.Partition(accountId, run.Last)}");
            var rows = new List<AggregateEntity>();
            await foreach (var row in table.QueryAsync<AggregateEntity>(partitions + RowFilter(rowPrefixes), cancellationToken: cancellationToken))
                rows.Add(row);
            return (run.First.Grain, rows);
        }));
        foreach (var (grain, rows) in runs)
        {
            foreach (var row in rows)
            {
                if (!byKey.TryGetValue((grain, row.Bucket), out var bucket)) continue;
                var (key, cell) = AggregateRows.ToCell(row);
                result[bucket].Add(key, cell);
            }
        }
        return result;
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
    /// Partial hours from raw events: overlapping or adjacent edges are read together, each such span with one range
    /// query whose time filter runs in the service, so a partial hour returns only the rows it counts.
    /// </summary>
    public async Task<Dictionary<(DateTimeOffset From, DateTimeOffset To), CellSet>> ReadEdgesAsync(string accountId,
        IEnumerable<(DateTimeOffset From, DateTimeOffset To)> edges, CancellationToken cancellationToken)
    {
        var wanted = edges.Distinct().ToList();
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

    /// <summary>Groups the buckets' partitions into runs of consecutive ones (same grain), each read by one range query.</summary>
    private static IEnumerable<(UtcBucket First, UtcBucket Last)> PartitionRuns(IEnumerable<UtcBucket> buckets)
    {
        foreach (var grain in buckets.GroupBy(b => b.Grain))
        {
            var containers = grain.Select(AggregateKeys.Container).Distinct().OrderBy(c => c.Start).ToList();
            var first = containers.FirstOrDefault();
            for (var i = 0; i < containers.Count; i++)
            {
                var last = i + 1 == containers.Count || Step(grain.Key, containers[i].Start) != containers[i + 1].Start;
                if (!last) continue;
                yield return (Inner(grain.Key, first), Inner(grain.Key, containers[i]));
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
