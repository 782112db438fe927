namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>Call figures per bucket: all matching calls, each UTC day and hour of the windows, and each agent's days.</summary>
public sealed class CallUsageTally(UsageWindows windows)
{
    public UsageWindows Windows => windows;
    public CallCounts All { get; private set; } = CallCounts.Zero;
    public Dictionary<DateTimeOffset, CallCounts> Days { get; } = [];
    public Dictionary<DateTimeOffset, CallCounts> Hours { get; } = [];
    public Dictionary<string, Dictionary<DateTimeOffset, CallCounts>> AgentDays { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// One UTC hour's matching calls, summed: all of them, and each agent's. Hours are added oldest first. Every call of the
    /// hour was created in [<see cref="UsageWindows.From"/>, <see cref="UsageWindows.To"/>), so an hour that reaches into a
    /// window belongs to it whole (a window starts at an hour or at <see cref="UsageWindows.From"/>).
    /// </summary>
    public void AddHour(DateTimeOffset hour, CallCounts counts, IReadOnlyDictionary<string, CallCounts> byAgent)
    {
        All = All.Plus(counts);
        var end = hour.AddHours(1);
        if (end > windows.HoursFrom) AddTo(Hours, hour, counts);
        if (end <= windows.DaysFrom) return;
        AddTo(Days, DayOf(hour), counts);
        foreach (var (agent, agentCounts) in byAgent) AddAgentDay(agent, DayOf(hour), agentCounts);
    }

    public void AddAgentDay(string agentId, DateTimeOffset day, CallCounts counts)
    {
        if (!AgentDays.TryGetValue(agentId, out var days)) AgentDays[agentId] = days = [];
        AddTo(days, day, counts);
    }

    public void SetAll(CallCounts counts) => All = counts;

    public static void AddTo(Dictionary<DateTimeOffset, CallCounts> buckets, DateTimeOffset bucket, CallCounts counts) =>
        buckets[bucket] = buckets.GetValueOrDefault(bucket, CallCounts.Zero).Plus(counts);

    /// <summary>Every UTC day of the daily window, oldest first, with its figures or zero.</summary>
    public IEnumerable<(DateTimeOffset Day, CallCounts Counts)> DailySeries(Dictionary<DateTimeOffset, CallCounts> days)
    {
        for (var day = DayOf(windows.DaysFrom); day < windows.To; day = day.AddDays(1))
            yield return (day, days.GetValueOrDefault(day, CallCounts.Zero));
    }

    public IEnumerable<(DateTimeOffset Hour, CallCounts Counts)> HourlySeries()
    {
        for (var hour = HourOf(windows.HoursFrom); hour < windows.To; hour = hour.AddHours(1))
            yield return (hour, Hours.GetValueOrDefault(hour, CallCounts.Zero));
    }

    public static DateTimeOffset DayOf(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset HourOf(DateTimeOffset t) => new(t.UtcDateTime.Date.AddHours(t.UtcDateTime.Hour), TimeSpan.Zero);
}
