using System.Globalization;

namespace UsageFunctions.App.Vendors.Ultravox;

public sealed record CallStatisticsDto(long TotalCount, long ErrorCount, string Duration, long JoinedCount, double BilledMinutes);

public sealed record DailyCallStatisticsDto(long TotalCount, long ErrorCount, string Duration, long JoinedCount, double BilledMinutes, string Date);

public sealed record HourlyCallStatisticsDto(
    long TotalCount, long ErrorCount, string Duration, long JoinedCount, double BilledMinutes, string Date, int Hour);

public sealed record CallUsageDto(CallStatisticsDto AllTime, IReadOnlyList<DailyCallStatisticsDto> Daily, IReadOnlyList<HourlyCallStatisticsDto> Hourly);

public sealed record AgentUsageDto(AgentRefDto Agent, IReadOnlyList<AgentDayDto> Usage);

public sealed record AgentRefDto(string AgentId, string Name);

public sealed record AgentDayDto(string Date, double BilledMinutes, long Calls);

/// <summary>Maps call figures to Ultravox's shapes; the one place that turns seconds into minutes and duration strings.</summary>
public static class UltravoxMapper
{
    /// <summary>Billed minutes are billed seconds / 60, unrounded (Ultravox reports a double).</summary>
    public static double BilledMinutes(double billedSeconds) => billedSeconds / 60.0;

    public static CallStatisticsDto Stats(CallCounts c) =>
        new(c.Total, c.Errors, UltravoxDuration.Format(c.Seconds), c.Joined, BilledMinutes(c.BilledSeconds));

    public static DailyCallStatisticsDto Day(DateTimeOffset day, CallCounts c) =>
        new(c.Total, c.Errors, UltravoxDuration.Format(c.Seconds), c.Joined, BilledMinutes(c.BilledSeconds), Date(day));

    public static HourlyCallStatisticsDto Hour(DateTimeOffset hour, CallCounts c) =>
        new(c.Total, c.Errors, UltravoxDuration.Format(c.Seconds), c.Joined, BilledMinutes(c.BilledSeconds), Date(hour), hour.UtcDateTime.Hour);

    public static AgentDayDto AgentDay(DateTimeOffset day, CallCounts c) => new(Date(day), BilledMinutes(c.BilledSeconds), c.Total);

    public static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
