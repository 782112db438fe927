namespace UsageFunctions.Storage.Usage;

/// <summary>A meter's total over [From, To), optionally broken down or filtered by one dimension (see <see cref="IUsageQuery.TotalAsync"/>).</summary>
public sealed record TotalQuery(string Meter, DateTimeOffset From, DateTimeOffset To, string? BreakdownBy = null, DimensionFilter? Filter = null);

/// <summary>A meter's series over [From, To) (see <see cref="IUsageQuery.SeriesAsync"/>).</summary>
public sealed record SeriesQuery(string Meter, SeriesGrain Grain, TimeZoneInfo Zone, DateTimeOffset From, DateTimeOffset To,
    DimensionFilter? Filter = null);

/// <summary>
/// Totals and series answered together: every aggregate partition and every raw edge hour any of them needs is read once,
/// so a response made of many figures costs about as many storage requests as its largest one.
/// </summary>
public sealed record UsageReadBatch(IReadOnlyList<TotalQuery> Totals, IReadOnlyList<SeriesQuery> Series)
{
    public static UsageReadBatch Of(params IReadOnlyList<TotalQuery> totals) => new(totals, []);

    public static UsageReadBatch Of(params IReadOnlyList<SeriesQuery> series) => new([], series);
}

/// <summary>The answers of a <see cref="UsageReadBatch"/>, in the order asked, and what the aggregates covered when read.</summary>
public sealed record UsageReadResult(IReadOnlyList<UsageTotals> Totals, IReadOnlyList<IReadOnlyList<SeriesPoint>> Series)
{
    /// <summary>Events received before this instant were in the aggregates; later ones were counted from raw events.</summary>
    public DateTimeOffset AsOf { get; init; }
}
