using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.Storage.Usage;

/// <summary>
/// Answers a <see cref="UsageReadBatch"/>: each total and each series point is a window split into whole UTC buckets
/// and partial edges; the buckets of all windows are read in one pass (one range query per run of consecutive aggregate
/// partitions, with every RowKey range any query needs) and each raw edge hour once, both at the same time.
/// Level meters read their history up to the window's end and carry the latest value forward point by point.
/// Hours the roll-up has not covered yet (<see cref="PendingHours"/>) are read from raw events, so every figure equals a
/// recount whether or not, and however far, the roll-up has run.
/// An edge in the current hour that the roll-up has covered (not pending: every event of the hour stored so far is in its
/// aggregate) is asked of that aggregate first, in the same bucket read: an hour without a figure holds no event, so the
/// edge is empty and costs no request of its own; only an hour with figures has the edge read, one round later.
/// </summary>
public sealed class UsageBatchReader(AggregateReader reader, PendingHours pendingHours, MeterCatalog catalog, TimeProvider clock)
{
    /// <summary>How far before now an edge may end and still be a current-hour edge probed through its hour's aggregate.</summary>
    private static readonly TimeSpan CurrentEdge = TimeSpan.FromMinutes(1);

    public async Task<UsageReadResult> ReadAsync(string accountId, UsageReadBatch batch, CancellationToken cancellationToken)
    {
        var pending = await pendingHours.ReadAsync(accountId, cancellationToken);
        var plan = new Plan();
        var totals = batch.Totals.Select(q => PlanTotal(plan, q)).ToList();
        var series = batch.Series.Select(q => PlanSeries(plan, q)).ToList();
        var prefixes = plan.Prefixes.Contains(AllRows) ? [] : plan.Prefixes.ToList();
        var decompositions = plan.Windows.ToDictionary(w => w, w => ExactDecomposition.Of(w.From, w.To, pending.Hours));
        var allEdges = decompositions.Values.SelectMany(d => d.Edges).Distinct().ToList();
        var probes = CoveredCurrentEdges(allEdges, pending.Hours, clock.GetUtcNow());
        var bucketsRead = reader.ReadBucketsAsync(accountId, decompositions.Values.SelectMany(d => d.Buckets).Concat(probes.Values), prefixes,
            cancellationToken);
        var edgesRead = reader.ReadEdgesAsync(accountId, allEdges.Where(e => !probes.ContainsKey(e)), cancellationToken);
        var buckets = await bucketsRead;
        var edges = await edgesRead;
        var busy = probes.Where(p => buckets[p.Value].Cells.Count > 0).Select(p => p.Key).ToList();
        foreach (var edge in probes.Keys.Except(busy)) edges[edge] = new CellSet(catalog);
        if (busy.Count > 0)
            foreach (var (edge, cells) in await reader.ReadEdgesAsync(accountId, busy, cancellationToken)) edges[edge] = cells;

        CellSet Window((DateTimeOffset From, DateTimeOffset To) window)
        {
            var parts = decompositions[window];
            return CellSet.MergeAll(catalog, parts.Buckets.Select(b => buckets[b])
                .Concat(parts.Edges.Select(e => AggregateReader.Only(edges[e], prefixes))));
        }

        return new UsageReadResult([.. totals.Select(t => t(Window))], [.. series.Select(s => s(Window))]) { AsOf = pending.AsOf };
    }

    /// <summary>Edges inside one hour that ends after about now and that the roll-up has covered, with that hour's bucket.</summary>
    private static Dictionary<(DateTimeOffset From, DateTimeOffset To), UtcBucket> CoveredCurrentEdges(
        IEnumerable<(DateTimeOffset From, DateTimeOffset To)> edges, IReadOnlySet<DateTimeOffset> pending, DateTimeOffset now)
    {
        var probes = new Dictionary<(DateTimeOffset From, DateTimeOffset To), UtcBucket>();
        foreach (var edge in edges)
        {
            var hour = UtcDecomposition.Floor(edge.From, BucketGrain.Hour);
            if (edge.To <= hour.AddHours(1) && edge.To >= now - CurrentEdge && !pending.Contains(hour))
                probes[edge] = new UtcBucket(BucketGrain.Hour, hour);
        }
        return probes;
    }

    /// <summary>The RowKey ranges a reading needs: the total, the breakdown's or filter's dimension, or a state meter's keys.</summary>
    public static IReadOnlyList<string> Prefixes(MeterDefinition meter, string? breakdownBy, DimensionFilter? filter)
    {
        if (meter.Aggregation == MeterAggregation.UniqueState) return [AggregateKeys.RowPrefix(meter.Key, meter.StateKey)];
        if (filter is not null) return [AggregateKeys.RowPrefix(meter.Key, filter.Dimension)];
        var total = AggregateKeys.RowPrefix(meter.Key, CellKey.AllValues);
        return breakdownBy is null ? [total] : [total, AggregateKeys.RowPrefix(meter.Key, breakdownBy)];
    }

    /// <summary>The buckets covering [from, to), each clipped to it: UTC hours, or calendar days or months in the zone.</summary>
    public static List<(DateTimeOffset Start, DateTimeOffset End)> Points(SeriesGrain grain, TimeZoneInfo zone, DateTimeOffset from,
        DateTimeOffset to)
    {
        var buckets = grain == SeriesGrain.Hour
            ? Hours(from, to)
            : LocalCalendar.Buckets(from, to, grain == SeriesGrain.Month, zone);
        return [.. buckets.Select(b => (Max(b.Start, from), Min(b.End, to))).Where(b => b.Item1 < b.Item2)];
    }

    private const string AllRows = "";

    private Func<Func<(DateTimeOffset, DateTimeOffset), CellSet>, UsageTotals> PlanTotal(Plan plan, TotalQuery query)
    {
        var meter = MeterOf(query.Meter);
        if (query.Filter is not null && query.BreakdownBy is not null && query.Filter.Dimension != query.BreakdownBy)
            throw new ArgumentException("A filter and a breakdown must name the same dimension.", nameof(query));
        plan.Need(Prefixes(meter, query.BreakdownBy, query.Filter));
        // "At or before to": a level reported at exactly `to` counts.
        var window = meter.Aggregation.IsAdditive()
            ? plan.Window(query.From, query.To)
            : plan.Window(AggregateReader.HistoryStart, query.To.AddTicks(1));
        return read =>
        {
            var reading = MeterReading.Read(read(window), meter, query.BreakdownBy, query.Filter?.Dimension, query.Filter?.Values);
            return new UsageTotals((double)reading.Total,
                reading.ByValue.ToDictionary(v => v.Key, v => (double)v.Value, StringComparer.Ordinal));
        };
    }

    private Func<Func<(DateTimeOffset, DateTimeOffset), CellSet>, IReadOnlyList<SeriesPoint>> PlanSeries(Plan plan, SeriesQuery query)
    {
        var meter = MeterOf(query.Meter);
        var points = Points(query.Grain, query.Zone, query.From, query.To);
        if (points.Count == 0) return _ => [];
        plan.Need(Prefixes(meter, null, query.Filter));
        var windows = points.Select(p => plan.Window(p.Start, p.End)).ToList();
        (DateTimeOffset, DateTimeOffset)? before = meter.Aggregation.IsAdditive()
            ? null
            : plan.Window(AggregateReader.HistoryStart, points[0].Start);
        return read =>
        {
            var running = before is { } b ? read(b) : null;
            var result = new List<SeriesPoint>(points.Count);
            for (var i = 0; i < points.Count; i++)
            {
                var cells = read(windows[i]);
                if (running is not null) cells = running.Merge(cells);
                var reading = MeterReading.Read(cells, meter, null, query.Filter?.Dimension, query.Filter?.Values);
                result.Add(new SeriesPoint(points[i].Start, points[i].End, (double)reading.Total));
            }
            return result;
        };
    }

    private MeterDefinition MeterOf(string meter) =>
        catalog.Find(meter) ?? throw new ArgumentException($"Unknown meter '{meter}'.", nameof(meter));

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        for (var hour = UtcDecomposition.Floor(from, BucketGrain.Hour); hour < to; hour = hour.AddHours(1)) yield return (hour, hour.AddHours(1));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>What a batch needs: its distinct windows and the union of its RowKey ranges.</summary>
    private sealed class Plan
    {
        public HashSet<(DateTimeOffset From, DateTimeOffset To)> Windows { get; } = [];

        public SortedSet<string> Prefixes { get; } = new(StringComparer.Ordinal);

        public (DateTimeOffset, DateTimeOffset) Window(DateTimeOffset from, DateTimeOffset to)
        {
            Windows.Add((from, to));
            return (from, to);
        }

        public void Need(IReadOnlyList<string> prefixes)
        {
            if (prefixes.Count == 0) Prefixes.Add(AllRows);
            foreach (var prefix in prefixes) Prefixes.Add(prefix);
        }
    }
}
