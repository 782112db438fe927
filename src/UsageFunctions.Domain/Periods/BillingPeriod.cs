using UsageFunctions.Domain.Time;

namespace UsageFunctions.Domain.Periods;

/// <summary>
/// A billing period [Start, End): it starts at local midnight of the anchor day in the account's zone (the last day
/// of the month when the month is shorter) and ends where the next one starts.
/// </summary>
public sealed record BillingPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public static BillingPeriod Containing(DateTimeOffset instant, int anchorDay, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var start = StartIn(local.Year, local.Month, anchorDay, zone);
        if (instant < start)
        {
            var previous = new DateTime(local.Year, local.Month, 1).AddMonths(-1);
            start = StartIn(previous.Year, previous.Month, anchorDay, zone);
        }
        var startLocal = TimeZoneInfo.ConvertTime(start, zone);
        var next = new DateTime(startLocal.Year, startLocal.Month, 1).AddMonths(1);
        return new BillingPeriod(start, StartIn(next.Year, next.Month, anchorDay, zone));
    }

    public BillingPeriod Next(int anchorDay, TimeZoneInfo zone) => Containing(End, anchorDay, zone);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Local midnight of the anchor day, or of the month's last day when the month is shorter.</summary>
    public static DateTimeOffset StartIn(int year, int month, int anchorDay, TimeZoneInfo zone) =>
        LocalCalendar.Midnight(new DateTime(year, month, Math.Min(anchorDay, DateTime.DaysInMonth(year, month))), zone);
}
