namespace UsageFunctions.Domain.Events;

public static class CallEndReasons
{
    public const string Unjoined = "unjoined";
    public const string Hangup = "hangup";
    public const string AgentHangup = "agent_hangup";
    public const string Timeout = "timeout";
    public const string ConnectionError = "connection_error";
    public const string SystemError = "system_error";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string> { Unjoined, Hangup, AgentHangup, Timeout, ConnectionError, SystemError };
}

public static class CallBillingStatuses
{
    public const string Billed = "BILLED";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        Billed, "FREE_CONSOLE", "FREE_ZERO_EFFECTIVE_DURATION", "FREE_MINUTES", "FREE_SYSTEM_ERROR",
        "FREE_OTHER", "REFUNDED", "PENDING",
    };
}
