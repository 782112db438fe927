using System.Globalization;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.App.Vendors.Billing;

/// <summary>
/// The billing API's query string: an optional custom range [From, To) and the metrics to report. A bare
/// <c>startDate</c> is the start of that UTC day and a bare <c>endDate</c> the end of it; a date-time <c>endDate</c>
/// is the last instant included. Without dates the current billing period is reported.
/// </summary>
public sealed record BillingQuery(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<BillingMetric> Metrics)
{
    /// <summary>Aggregates (days and months) are kept 25 months; older ranges cannot be answered exactly.</summary>
    public static readonly int RetentionMonths = 25;

    public const string BadRange = "Invalid date range: startDate must be before endDate";

    public static (BillingQuery? Query, string? Error) Parse(IQueryCollection query, DateTimeOffset now, DateTimeOffset periodStart)
    {
        if (!TryInstant(query["startDate"].ToString(), isEnd: false, out var from))
            return (null, "Invalid date: startDate must be an ISO 8601 date or date-time");
        if (!TryInstant(query["endDate"].ToString(), isEnd: true, out var to))
            return (null, "Invalid date: endDate must be an ISO 8601 date or date-time");
        if (from is not null || to is not null)
        {
            from ??= periodStart;
            to ??= now;
            if (from >= to) return (null, BadRange);
            if (from < now.AddMonths(-RetentionMonths) || to > from.Value.AddMonths(RetentionMonths))
                return (null, $"Invalid date range: usage is kept for {RetentionMonths} months and a range spans at most {RetentionMonths} months");
        }
        var metrics = new List<BillingMetric>();
        foreach (var name in query["metrics"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (BillingMetric.Find(name) is not { } metric)
                return (null, $"Invalid metrics: unknown metric '{name}'; use {string.Join(", ", BillingMetric.All.Select(m => m.Id))}");
            if (!metrics.Contains(metric)) metrics.Add(metric);
        }
        return (new BillingQuery(from, to, metrics.Count == 0 ? BillingMetric.All : metrics), null);
    }

    private static bool TryInstant(string text, bool isEnd, out DateTimeOffset? instant)
    {
        instant = null;
        if (text.Length == 0) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (!SupportedInstants.Contains(start)) return false;
            instant = isEnd ? start.AddDays(1) : start;
            return true;
        }
        if (!text.Contains('T', StringComparison.Ordinal) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return false;
        if (!SupportedInstants.Contains(value)) return false;
        // A date-time end is the last instant included; the range is kept half-open at the next second.
        instant = isEnd ? value.ToUniversalTime().AddSeconds(1) : value.ToUniversalTime();
        return true;
    }
}
