using System.Diagnostics;

namespace UsageFunctions.Storage.Telemetry;

/// <summary>
/// The app's own spans (roll-up phases), children of the function invocation's span, and the account attribute every
/// span of a request may carry. Nothing here records a key, a secret or an event payload.
/// </summary>
public static class UsageTracing
{
    public const string SourceName = "UsageFunctions";
    public const string AccountAttribute = "usage.account_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A child span for one phase of work; null (and free) when nobody listens.</summary>
    public static Activity? Phase(string name, string? accountId = null)
    {
        var activity = Source.StartActivity(name);
        if (accountId is not null) activity?.SetTag(AccountAttribute, accountId);
        return activity;
    }

    /// <summary>Tags the current span (the invocation's, outside any phase) with the account the request acts for.</summary>
    public static void TagAccount(string? accountId)
    {
        if (accountId is not null) Activity.Current?.SetTag(AccountAttribute, accountId);
    }
}
