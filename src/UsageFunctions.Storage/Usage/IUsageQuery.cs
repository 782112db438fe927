namespace UsageFunctions.Storage.Usage;

/// <summary>
/// Exact usage figures for the read APIs, composed from the roll-up aggregates (whole UTC hours, days, months) and,
/// for windows that do not start or end on a whole UTC hour (time zones with :30/:45 offsets), raw events of the
/// partial edge hours. Every figure equals a recount of the distinct raw events.
/// </summary>
public interface IUsageQuery
{
    /// <summary>
    /// A meter's total over [<paramref name="from"/>, <paramref name="to"/>), optionally broken down by one dimension
    /// (<see cref="Domain.Meters.Dimensions"/>). Events without a value for that dimension are keyed by
    /// <see cref="UsageTotals.Unassigned"/>. Level meters (storage, seats, phone numbers) answer the latest level at or
    /// before <paramref name="to"/>. A <paramref name="filter"/> keeps only events whose value for one dimension is in a
    /// set; aggregates are kept per single dimension, so a filter and a breakdown must name the same dimension.
    /// </summary>
    Task<UsageTotals> TotalAsync(string accountId, string meter, DateTimeOffset from, DateTimeOffset to, string? breakdownBy,
        CancellationToken cancellationToken, DimensionFilter? filter = null);

    /// <summary>
    /// One point per bucket covering [<paramref name="from"/>, <paramref name="to"/>): hours are UTC hours; days and months
    /// are calendar days and months in <paramref name="zone"/>. Zero-filled, oldest first.
    /// </summary>
    Task<IReadOnlyList<SeriesPoint>> SeriesAsync(string accountId, string meter, SeriesGrain grain, TimeZoneInfo zone,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, DimensionFilter? filter = null);

    /// <summary>
    /// Several totals and series at once, each answered exactly as <see cref="TotalAsync"/> and <see cref="SeriesAsync"/>
    /// would, with every aggregate partition and raw edge hour read once for all of them.
    /// </summary>
    Task<UsageReadResult> ReadAsync(string accountId, UsageReadBatch batch, CancellationToken cancellationToken);

    /// <summary>The account's current billing period and its counters (from the period counters: one or two point reads).</summary>
    Task<PeriodUsage> CurrentPeriodAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Closed billing periods that overlap [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<PeriodUsage>> ClosedPeriodsAsync(string accountId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken);

    /// <summary>Events received before this instant are reflected in every figure (the last completed roll-up).</summary>
    Task<DateTimeOffset> AsOfAsync(CancellationToken cancellationToken);
}

public enum SeriesGrain
{
    Hour,
    Day,
    Month,
}

/// <summary>Only events whose <see cref="Dimension"/> value is one of <see cref="Values"/> (<see cref="UsageTotals.Unassigned"/> for none).</summary>
public sealed record DimensionFilter(string Dimension, IReadOnlySet<string> Values);

public sealed record UsageTotals(double Total, IReadOnlyDictionary<string, double> ByDimension)
{
    public const string Unassigned = "";
}

public sealed record SeriesPoint(DateTimeOffset Start, DateTimeOffset End, double Value);

/// <summary>A billing period [Start, End) with each meter's total (level meters: the latest level).</summary>
public sealed record PeriodUsage(DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, double> Meters, DateTimeOffset AsOf);
