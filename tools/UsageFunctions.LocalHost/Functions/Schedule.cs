using NCrontab;

namespace UsageFunctions.LocalHost.Functions;

/// <summary>
/// A timer schedule as the Functions host takes it: NCRONTAB with seconds (six fields) or without (five), or a fixed
/// interval written as a time span (<c>00:05:00</c>).
/// </summary>
public sealed class Schedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private Schedule(string expression, CrontabSchedule? cron, TimeSpan interval)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
    }

    public string Expression { get; }

    public static Schedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is 5 or 6)
        {
            var options = new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 };
            return new Schedule(expression, CrontabSchedule.Parse(expression, options), TimeSpan.Zero);
        }
        if (TimeSpan.TryParse(expression, System.Globalization.CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
            return new Schedule(expression, null, interval);
        throw new FormatException($"'{expression}' is neither an NCRONTAB expression nor a time span.");
    }

    /// <summary>The first occurrence after <paramref name="after"/> (UTC).</summary>
    public DateTimeOffset Next(DateTimeOffset after) => _cron is not null
        ? new DateTimeOffset(_cron.GetNextOccurrence(after.UtcDateTime), TimeSpan.Zero)
        : after + _interval;
}
