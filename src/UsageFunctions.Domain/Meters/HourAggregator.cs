using UsageFunctions.Domain.Events;

namespace UsageFunctions.Domain.Meters;

/// <summary>Turns distinct events into the figures of their bucket: every meter, its total and each dimension value.</summary>
public static class HourAggregator
{
    public static CellSet Aggregate(MeterCatalog catalog, IEnumerable<UsageEvent> events)
    {
        var cells = new CellSet(catalog);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!seen.Add(e.IdentityHash)) continue;
            foreach (var meter in catalog.All)
            {
                if (meter.Counts(e) && meter.Value(e) is { } value) Add(cells, meter, e, value);
            }
        }
        return cells;
    }

    private static void Add(CellSet cells, MeterDefinition meter, UsageEvent e, decimal value)
    {
        var cell = meter.Aggregation.IsAdditive() ? new AggregateCell(value) : new AggregateCell(value, e.OccurredAt, e.IdentityHash);
        // A state meter has no meaningful total cell: its figure is a count of keys, taken on read.
        if (meter.Aggregation != MeterAggregation.UniqueState) cells.Add(CellKey.Total(meter.Key), cell);
        foreach (var (dimension, select) in meter.Dimensions)
            cells.Add(new CellKey(meter.Key, dimension, select(e) ?? UnassignedValue), cell);
    }

    /// <summary>The value kept for events without one for a dimension.</summary>
    public const string UnassignedValue = "";
}
