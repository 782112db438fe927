using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.Storage.Usage;

/// <summary>
/// Series of UTC hours or local days/months: every point's window is split into whole UTC buckets and edges, and all
/// buckets and edge hours of the series are read together. Level meters carry the latest value forward point by point.
/// </summary>
public sealed class UsageSeries(AggregateReader reader, MeterCatalog catalog)
{
    public async Task<IReadOnlyList<SeriesPoint>> ReadAsync(string accountId, MeterDefinition meter, SeriesGrain grain, TimeZoneInfo zone,
        DateTimeOffset from, DateTimeOffset to, DimensionFilter? filter, CancellationToken cancellationToken)
    {
        var points = Points(grain, zone, from, to);
        if (points.Count == 0) return [];
        var prefixes = Prefixes(meter, null, filter);
        var windows = points.Select(p => UtcDecomposition.Of(p.Start, p.End)).ToList();
        var buckets = await reader.ReadBucketsAsync(accountId, windows.SelectMany(w => w.Buckets), prefixes, cancellationToken);
        var edges = await reader.ReadEdgesAsync(accountId, windows.SelectMany(w => w.Edges), cancellationToken);
        var running = meter.Aggregation.IsAdditive()
            ? null
            : await reader.ReadWindowAsync(accountId, AggregateReader.HistoryStart, points[0].Start, prefixes, cancellationToken);
        var result = new List<SeriesPoint>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var cells = CellSet.MergeAll(catalog, windows[i].Buckets.Select(b => buckets[b]).Concat(windows[i].Edges.Select(e => edges[e])));
            if (running is not null) cells = running.Merge(cells);
            var reading = MeterReading.Read(cells, meter, null, filter?.Dimension, filter?.Values);
            result.Add(new SeriesPoint(points[i].Start, points[i].End, (double)reading.Total));
        }
        return result;
    }

    /// <summary>The buckets covering [from, to), each clipped to it.</summary>
    public static List<(DateTimeOffset Start, DateTimeOffset End)> Points(SeriesGrain grain, TimeZoneInfo zone, DateTimeOffset from,
        DateTimeOffset to)
    {
        var buckets = grain == SeriesGrain.Hour
            ? Hours(from, to)
            : LocalCalendar.Buckets(from, to, grain == SeriesGrain.Month, zone);
        return [.. buckets.Select(b => (Max(b.Start, from), Min(b.End, to))).Where(b => b.Item1 < b.Item2)];
    }

    /// <summary>The RowKey ranges a reading needs: the total, the breakdown's or filter's dimension, or a state meter's keys.</summary>
    public static IReadOnlyList<string> Prefixes(MeterDefinition meter, string? breakdownBy, DimensionFilter? filter)
    {
        if (meter.Aggregation == MeterAggregation.UniqueState) return [AggregateKeys.RowPrefix(meter.Key, meter.StateKey)];
        if (filter is not null) return [AggregateKeys.RowPrefix(meter.Key, filter.Dimension)];
        var total = AggregateKeys.RowPrefix(meter.Key, CellKey.AllValues);
        return breakdownBy is null ? [total] : [total, AggregateKeys.RowPrefix(meter.Key, breakdownBy)];
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        for (var hour = UtcDecomposition.Floor(from, BucketGrain.Hour); hour < to; hour = hour.AddHours(1)) yield return (hour, hour.AddHours(1));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
