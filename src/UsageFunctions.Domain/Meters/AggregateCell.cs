namespace UsageFunctions.Domain.Meters;

/// <summary>
/// Where a figure is kept: a meter, and either the all-values total (<see cref="AllValues"/>) or one value of one dimension.
/// </summary>
public readonly record struct CellKey(string Meter, string Dimension, string Value)
{
    /// <summary>The dimension name of a meter's total over all dimension values.</summary>
    public const string AllValues = "_all";

    public static CellKey Total(string meter) => new(meter, AllValues, "");
}

/// <summary>
/// One figure of a bucket. Additive meters keep the exact decimal sum; latest and state meters keep the value of the
/// latest event with its instant and identity hash, so hours compose into days and months exactly.
/// </summary>
public readonly record struct AggregateCell(decimal Value, DateTimeOffset? At = null, string? Hash = null)
{
    public static AggregateCell Combine(AggregateCell a, AggregateCell b, MeterAggregation aggregation) =>
        aggregation.IsAdditive() ? new AggregateCell(a.Value + b.Value) : (IsLater(b, a) ? b : a);

    /// <summary>Later counting instant wins; equal instants are ordered by the identity hash (ordinal), larger wins.</summary>
    public static bool IsLater(AggregateCell candidate, AggregateCell current)
    {
        if (candidate.At != current.At) return candidate.At > current.At;
        return string.CompareOrdinal(candidate.Hash, current.Hash) > 0;
    }
}
