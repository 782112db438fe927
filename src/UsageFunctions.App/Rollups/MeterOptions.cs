using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Meters;

namespace UsageFunctions.App.Rollups;

/// <summary>Meters beyond the built-ins, from the <c>Meters</c> section (<c>Meters__Custom__0__Key</c> and so on).</summary>
public sealed class MeterOptions
{
    public const string Section = "Meters";

    public List<CustomMeter> Custom { get; set; } = [];

    public bool IsValid() => Custom.All(m =>
        m.Key.Length is > 0 and <= 64
        && m.EventTypes.Count > 0 && m.EventTypes.All(EventTypes.All.Contains)
        && m.Aggregation != MeterAggregation.UniqueState
        && (m.Aggregation == MeterAggregation.Count || !string.IsNullOrWhiteSpace(m.Field))
        && m.Dimensions.Keys.All(d => d.Length > 0 && d != CellKey.AllValues));
}
