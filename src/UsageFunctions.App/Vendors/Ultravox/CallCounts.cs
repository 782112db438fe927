using UsageFunctions.Storage.Calls;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>Call figures of one bucket: counts, summed duration and billed seconds (BILLED calls only).</summary>
public readonly record struct CallCounts(long Total, long Errors, double Seconds, long Joined, double BilledSeconds)
{
    public static readonly CallCounts Zero = new(0, 0, 0, 0, 0);

    public static CallCounts Of(DigestCall call) =>
        new(1, call.Errored ? 1 : 0, call.DurationSeconds, call.Joined ? 1 : 0, call.SecondsBilled ?? 0);

    public CallCounts Plus(CallCounts other) =>
        new(Total + other.Total, Errors + other.Errors, Seconds + other.Seconds, Joined + other.Joined, BilledSeconds + other.BilledSeconds);
}

/// <summary>
/// Which creation times each part of the answer covers, all half-open UTC ranges: <see cref="All"/> every matching call
/// (the requested dates, else everything still kept), <see cref="Days"/> the requested dates or the 30 days ending
/// today, <see cref="Hours"/> the 48 hours ending with the last hour of the range.
/// </summary>
public sealed record UsageWindows(DateTimeOffset From, DateTimeOffset To, DateTimeOffset DaysFrom, DateTimeOffset HoursFrom)
{
    public const int DefaultDays = 30;
    public const int HourlyHours = 48;

    public static UsageWindows For(CallFilters filters, DateTimeOffset now, DateTimeOffset keptSince)
    {
        var nextHour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour + 1), TimeSpan.Zero);
        var to = filters.ToExclusive is { } t && t < nextHour ? t : nextHour;
        var from = filters.From ?? keptSince;
        if (from > to) from = to;
        var lastDay = (to - TimeSpan.FromTicks(1)).UtcDateTime.Date;
        var daysFrom = filters.From ?? new DateTimeOffset(lastDay.AddDays(1 - DefaultDays), TimeSpan.Zero);
        var lastHour = (to - TimeSpan.FromTicks(1)).UtcDateTime;
        var hoursFrom = new DateTimeOffset(lastHour.Date.AddHours(lastHour.Hour + 1 - HourlyHours), TimeSpan.Zero);
        return new UsageWindows(from, to, Max(daysFrom, from), Max(hoursFrom, from));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
