using UsageFunctions.Domain.Periods;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.Domain.Alerts;

/// <summary>The [Start, End) of a rule's window containing an instant, in the account's zone.</summary>
public static class AlertWindows
{
    public static (DateTimeOffset Start, DateTimeOffset End) Containing(AlertWindow window, DateTimeOffset instant, int anchorDay,
        TimeZoneInfo zone)
    {
        switch (window)
        {
            case AlertWindow.CalendarDay:
                var day = LocalCalendar.LocalDate(instant, zone);
                return (LocalCalendar.Midnight(day, zone), LocalCalendar.Midnight(day.AddDays(1), zone));
            case AlertWindow.CalendarMonth:
                var date = LocalCalendar.LocalDate(instant, zone);
                var first = new DateTime(date.Year, date.Month, 1);
                return (LocalCalendar.Midnight(first, zone), LocalCalendar.Midnight(first.AddMonths(1), zone));
            default:
                var period = BillingPeriod.Containing(instant, anchorDay, zone);
                return (period.Start, period.End);
        }
    }

    public static string Name(AlertWindow window) => window switch
    {
        AlertWindow.CalendarDay => "calendarDay",
        AlertWindow.CalendarMonth => "calendarMonth",
        _ => "billingPeriod",
    };

    public static AlertWindow? Parse(string? name) => name switch
    {
        null or "billingPeriod" => AlertWindow.BillingPeriod,
        "calendarMonth" => AlertWindow.CalendarMonth,
        "calendarDay" => AlertWindow.CalendarDay,
        _ => null,
    };
}
