namespace UsageFunctions.Tests.Rollups.Oracle;

/// <summary>Brute-force recount over the distinct generated events of one account.</summary>
public sealed class UsageOracle(IReadOnlyCollection<GeneratedEvent> events)
{
    public (decimal Total, Dictionary<string, decimal> ByValue) Total(string meter, DateTimeOffset from, DateTimeOffset to,
        string? breakdownBy = null, string? filterDimension = null, IReadOnlySet<string>? filterValues = null, bool levelInclusive = true)
    {
        var byValue = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var kind = OracleMeters.Kind(meter);
        var counted = events.Where(e => OracleMeters.Contribution(meter, e) is not null).ToList();
        if (kind == OracleKind.Level)
        {
            var latest = OracleMeters.Latest(counted.Where(e => levelInclusive ? e.OccurredAt <= to : e.OccurredAt < to));
            var level = filterDimension is null && latest is not null ? latest.Level : 0m;
            return (level, byValue);
        }
        if (kind == OracleKind.InUse)
        {
            var before = counted.Where(e => levelInclusive ? e.OccurredAt <= to : e.OccurredAt < to);
            foreach (var number in before.GroupBy(e => e.Number!))
            {
                if (filterValues is not null && !filterValues.Contains(number.Key)) continue;
                if (OracleMeters.Latest(number)!.Type == "usage.phone_number.provisioned") byValue[number.Key] = 1;
            }
            return (byValue.Values.Sum(), breakdownBy == "phoneNumber" ? byValue : []);
        }
        var inWindow = counted.Where(e => e.OccurredAt >= from && e.OccurredAt < to).ToList();
        var dimension = filterDimension ?? breakdownBy;
        if (dimension is not null && OracleMeters.DimensionsOf(meter).Contains(dimension))
        {
            foreach (var e in inWindow)
            {
                var value = OracleMeters.ValueOf(dimension, e);
                if (filterValues is not null && !filterValues.Contains(value)) continue;
                byValue[value] = byValue.GetValueOrDefault(value) + OracleMeters.Contribution(meter, e)!.Value;
            }
        }
        var total = filterDimension is null ? inWindow.Sum(e => OracleMeters.Contribution(meter, e)!.Value) : byValue.Values.Sum();
        return (total, breakdownBy is null ? [] : byValue);
    }

    /// <summary>Every aggregate row the roll-up should have: (grain letter, bucket, meter, dimension, value) → (figure, instant).</summary>
    public Dictionary<(string Grain, string Bucket, string Meter, string Dimension, string Value), (decimal Figure, DateTimeOffset? At)> Rows()
    {
        var rows = new Dictionary<(string, string, string, string, string), (decimal, DateTimeOffset?)>();
        foreach (var (grain, format) in new[] { ("h", "yyyyMMddHH"), ("d", "yyyyMMdd"), ("m", "yyyyMM") })
        {
            foreach (var bucket in events.GroupBy(e => e.OccurredAt.UtcDateTime.ToString(format, System.Globalization.CultureInfo.InvariantCulture)))
            {
                foreach (var meter in OracleMeters.Keys)
                {
                    var counted = bucket.Where(e => OracleMeters.Contribution(meter, e) is not null).ToList();
                    if (counted.Count == 0) continue;
                    var kind = OracleMeters.Kind(meter);
                    if (kind == OracleKind.Additive)
                        rows[(grain, bucket.Key, meter, "_all", "")] = (counted.Sum(e => OracleMeters.Contribution(meter, e)!.Value), null);
                    if (kind == OracleKind.Level)
                    {
                        var latest = OracleMeters.Latest(counted)!;
                        rows[(grain, bucket.Key, meter, "_all", "")] = (latest.Level, latest.OccurredAt);
                    }
                    foreach (var dimension in OracleMeters.DimensionsOf(meter))
                    {
                        foreach (var group in counted.GroupBy(e => OracleMeters.ValueOf(dimension, e)))
                        {
                            var latest = OracleMeters.Latest(group)!;
                            rows[(grain, bucket.Key, meter, dimension, group.Key)] = kind == OracleKind.Additive
                                ? (group.Sum(e => OracleMeters.Contribution(meter, e)!.Value), null)
                                : (OracleMeters.Contribution(meter, latest)!.Value, latest.OccurredAt);
                        }
                    }
                }
            }
        }
        return rows;
    }

    /// <summary>A period's figures: additive meters over [start, end), levels and numbers in use as of just before end.</summary>
    public Dictionary<string, decimal> Period(DateTimeOffset start, DateTimeOffset end) =>
        OracleMeters.Keys.ToDictionary(m => m, m => Total(m, start, end, levelInclusive: false).Total);
}
