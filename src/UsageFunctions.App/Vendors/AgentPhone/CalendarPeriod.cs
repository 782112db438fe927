using UsageFunctions.Domain.Time;

namespace UsageFunctions.App.Vendors.AgentPhone;

/// <summary>The current calendar week (Monday first), month or year in a zone, as [start, end) instants.</summary>
public static class CalendarPeriod
{
    public static (DateTimeOffset Start, DateTimeOffset End) Current(string period, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = LocalCalendar.LocalDate(now, zone);
        var (first, next) = period switch
        {
            "week" => (today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7))),
            "month" => (new DateTime(today.Year, today.Month, 1), new DateTime(today.Year, today.Month, 1).AddMonths(1)),
            _ => (new DateTime(today.Year, 1, 1), new DateTime(today.Year + 1, 1, 1)),
        };
        return (LocalCalendar.Midnight(first, zone), LocalCalendar.Midnight(next, zone));
    }
}
