namespace UsageFunctions.Domain.Time;

/// <summary>Whole UTC hours joined into runs of consecutive hours: one range read per run instead of one per hour.</summary>
public static class HourRuns
{
    /// <summary>The runs <c>[From, To)</c> of the distinct hour starts given, oldest first.</summary>
    public static List<(DateTimeOffset From, DateTimeOffset To)> Of(IEnumerable<DateTimeOffset> hours)
    {
        var runs = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var hour in hours.Distinct().Order())
        {
            if (runs.Count > 0 && runs[^1].To == hour) runs[^1] = (runs[^1].From, hour.AddHours(1));
            else runs.Add((hour, hour.AddHours(1)));
        }
        return runs;
    }
}
