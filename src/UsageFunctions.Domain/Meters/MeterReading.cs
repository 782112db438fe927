namespace UsageFunctions.Domain.Meters;

/// <summary>A meter's figure read from merged cells: its total and, optionally, per value of one dimension.</summary>
public sealed record MeterReading(decimal Total, IReadOnlyDictionary<string, decimal> ByValue)
{
    public static MeterReading Read(CellSet cells, MeterDefinition meter, string? breakdownBy, string? filterDimension = null,
        IReadOnlySet<string>? filterValues = null)
    {
        if (meter.Aggregation == MeterAggregation.UniqueState) return ReadState(cells, meter, breakdownBy, filterValues);
        var dimension = filterDimension ?? breakdownBy;
        var byValue = dimension is null ? new Dictionary<string, decimal>() : Values(cells, meter.Key, dimension, filterValues);
        var total = filterDimension is null
            ? cells.Cells.GetValueOrDefault(CellKey.Total(meter.Key)).Value
            : byValue.Values.Sum();
        return new MeterReading(total, breakdownBy is null ? new Dictionary<string, decimal>() : byValue);
    }

    /// <summary>Counts the keys whose latest event is "on"; a breakdown by the key lists the keys in use.</summary>
    private static MeterReading ReadState(CellSet cells, MeterDefinition meter, string? breakdownBy, IReadOnlySet<string>? filterValues)
    {
        var inUse = Values(cells, meter.Key, meter.StateKey!, filterValues).Where(v => v.Value > 0)
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var total = inUse.Values.Sum();
        return new MeterReading(total, breakdownBy == meter.StateKey ? inUse : new Dictionary<string, decimal>());
    }

    private static Dictionary<string, decimal> Values(CellSet cells, string meter, string dimension, IReadOnlySet<string>? only) =>
        cells.Cells.Where(c => c.Key.Meter == meter && c.Key.Dimension == dimension && (only is null || only.Contains(c.Key.Value)))
            .ToDictionary(c => c.Key.Value, c => c.Value.Value, StringComparer.Ordinal);
}
