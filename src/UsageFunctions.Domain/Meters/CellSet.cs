namespace UsageFunctions.Domain.Meters;

/// <summary>The figures of one bucket (or of several merged buckets), keyed by meter, dimension and value.</summary>
public sealed class CellSet(MeterCatalog catalog)
{
    private readonly Dictionary<CellKey, AggregateCell> _cells = [];

    public IReadOnlyDictionary<CellKey, AggregateCell> Cells => _cells;

    public MeterCatalog Catalog => catalog;

    public void Add(CellKey key, AggregateCell cell)
    {
        if (catalog.Find(key.Meter) is not { } meter) return;
        _cells[key] = _cells.TryGetValue(key, out var existing)
            ? AggregateCell.Combine(existing, cell, meter.Aggregation)
            : cell;
    }

    public CellSet Merge(CellSet other)
    {
        foreach (var (key, cell) in other._cells) Add(key, cell);
        return this;
    }

    public static CellSet MergeAll(MeterCatalog catalog, IEnumerable<CellSet> sets)
    {
        var merged = new CellSet(catalog);
        foreach (var set in sets) merged.Merge(set);
        return merged;
    }
}
