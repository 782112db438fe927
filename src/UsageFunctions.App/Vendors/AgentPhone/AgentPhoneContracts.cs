namespace UsageFunctions.App.Vendors.AgentPhone;

public sealed record UsageResponse(PlanInfo Plan, NumbersInfo Numbers, UsageStats Stats, string PeriodStart, string PeriodEnd);

public sealed record PlanInfo(string Name, PlanLimits Limits);

public sealed record PlanLimits(int Numbers, int MessagesPerMonth, int VoiceMinutesPerMonth, int MaxCallDurationMinutes, int ConcurrentCalls);

public sealed record NumbersInfo(int Used, int Limit, int Remaining);

public sealed record UsageStats(
    long TotalMessages, long MessagesLast24h, long MessagesLast7d, long MessagesLast30d,
    long TotalCalls, long CallsLast24h, long CallsLast7d, long CallsLast30d,
    long TotalWebhookDeliveries, long SuccessfulWebhookDeliveries, long FailedWebhookDeliveries);

public sealed record DailyResponse(IReadOnlyList<DailyUsage> Data, int Days);

public sealed record DailyUsage(string Date, long Messages, long Calls, long Webhooks);

public sealed record MonthlyResponse(IReadOnlyList<MonthlyUsage> Data, int Months);

public sealed record MonthlyUsage(string Month, long Messages, long Calls, long Webhooks);

public sealed record ByNumberResponse(IReadOnlyList<NumberUsage> Data);

public sealed record NumberUsage(
    string NumberId, string PhoneNumber, string Country, string Status, long Messages, long Calls, string? AgentId, string? AgentName);

public sealed record ByAgentResponse(IReadOnlyList<AgentUsage> Data, string Period, string PeriodStart, string PeriodEnd);

public sealed record AgentUsage(string? AgentId, string AgentName, long Messages, long Calls, long TotalSeconds, bool IsOrphan);
