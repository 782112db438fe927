namespace UsageFunctions.Domain.Alerts;

/// <summary>Which window a rule's figure is summed over; calendar windows are in the account's zone.</summary>
public enum AlertWindow
{
    BillingPeriod,
    CalendarMonth,
    CalendarDay,
}

/// <summary>
/// An alert rule of one account: fires once per window, the first time the meter's figure in the window (optionally
/// only for one value of a dimension) reaches the threshold, either an absolute <see cref="Value"/> or a percentage of
/// the plan's included amount.
/// </summary>
public sealed record AlertRule(
    string Id,
    string Meter,
    decimal? Value,
    decimal? PercentOfIncluded,
    AlertWindow Window,
    string? FilterDimension,
    string? FilterValue,
    IReadOnlyList<string> EndpointIds,
    bool Enabled,
    DateTimeOffset CreatedAt)
{
    public const int MaxEndpoints = 10;

    /// <summary>The threshold in meter units, or null when it is a percentage and the plan includes nothing of the meter.</summary>
    public decimal? ThresholdFor(decimal? included) =>
        Value ?? (included is { } amount && PercentOfIncluded is { } percent ? amount * percent / 100m : null);
}
