namespace UsageFunctions.Tests.Rollups.Oracle;

/// <summary>Billing periods by brute force: every month's start converted from local midnight of the anchor day.</summary>
public static class OraclePeriods
{
    public static List<(DateTimeOffset Start, DateTimeOffset End)> Between(int anchorDay, string zoneId, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var starts = new List<DateTimeOffset>();
        for (var month = new DateTime(from.Year, from.Month, 1).AddMonths(-2); month < to.UtcDateTime.AddMonths(2); month = month.AddMonths(1))
        {
            var local = new DateTime(month.Year, month.Month, Math.Min(anchorDay, DateTime.DaysInMonth(month.Year, month.Month)));
            starts.Add(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero));
        }
        return [.. starts.Zip(starts.Skip(1)).Where(p => p.Second > from && p.First <= to)];
    }
}
