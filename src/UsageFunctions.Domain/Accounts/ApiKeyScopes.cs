namespace UsageFunctions.Domain.Accounts;

public static class ApiKeyScopes
{
    public const string UsageRead = "usage:read";
    public const string EventsWrite = "events:write";
    public const string AlertsWrite = "alerts:write";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { UsageRead, EventsWrite, AlertsWrite };
}
