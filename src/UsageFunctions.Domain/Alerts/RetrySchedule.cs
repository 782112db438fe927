namespace UsageFunctions.Domain.Alerts;

/// <summary>
/// When a failed delivery is tried again: 5 s after the first failure, doubling up to 12 h, each delay shortened by a
/// random 0–20 % (jitter, so receivers recovering from an outage are not hit by every sender at once). A delivery still
/// failing 3 days after its schedule started is given up.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(12);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);
    public const double Jitter = 0.2;

    /// <summary>The nominal delay after the <paramref name="failures"/>-th failure in a row (1-based), before jitter.</summary>
    public static TimeSpan Nominal(int failures)
    {
        var seconds = First.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, Longest.TotalSeconds));
    }

    /// <summary>The next attempt after a failure at <paramref name="now"/>, or null once the schedule has run out.</summary>
    public static DateTimeOffset? Next(int failures, DateTimeOffset scheduleStart, DateTimeOffset now, double random)
    {
        var next = now + Nominal(failures) * (1 - Jitter * random);
        return next - scheduleStart > GiveUpAfter ? null : next;
    }
}
