namespace UsageFunctions.Domain.Time;

/// <summary>Calendar days and months of an IANA zone as UTC instants, DST-correct (days are 23, 24 or 25 hours).</summary>
public static class LocalCalendar
{
    /// <summary>Local midnight of a date; a midnight skipped by DST is the first local instant after it, a repeated one the first.</summary>
    public static DateTimeOffset Midnight(DateTime date, TimeZoneInfo zone)
    {
        var midnight = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset).ToUniversalTime();
    }

    public static DateTime LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).Date;

    /// <summary>Consecutive local days (or months) as [start, end) instants, from the one containing <paramref name="from"/> until <paramref name="to"/>.</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Buckets(DateTimeOffset from, DateTimeOffset to, bool months, TimeZoneInfo zone)
    {
        var date = LocalDate(from, zone);
        if (months) date = new DateTime(date.Year, date.Month, 1);
        for (var start = Midnight(date, zone); start < to;)
        {
            date = months ? date.AddMonths(1) : date.AddDays(1);
            var end = Midnight(date, zone);
            yield return (start, end);
            start = end;
        }
    }
}
