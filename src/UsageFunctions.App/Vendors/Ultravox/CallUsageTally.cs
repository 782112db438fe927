namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>Call figures per bucket: all matching calls, each UTC day and hour of the windows, and each agent's days.</summary>
public sealed class CallUsageTally(UsageWindows windows)
{
    public UsageWindows Windows => windows;
    public CallCounts All { get; private set; } = CallCounts.Zero;
    public Dictionary<DateTimeOffset, CallCounts> Days { get; } = [];
    public Dictionary<DateTimeOffset, CallCounts> Hours { get; } = [];
    public Dictionary<string, Dictionary<DateTimeOffset, CallCounts>> AgentDays { get; } = new(StringComparer.Ordinal);

    public void Add(DateTimeOffset created, string? agentId, CallCounts counts)
    {
        All = All.Plus(counts);
        if (created >= windows.DaysFrom) AddTo(Days, DayOf(created), counts);
        if (created >= windows.HoursFrom) AddTo(Hours, HourOf(created), counts);
        if (agentId is { Length: > 0 } && created >= windows.DaysFrom) AddAgentDay(agentId, DayOf(created), counts);
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
