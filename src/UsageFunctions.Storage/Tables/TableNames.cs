namespace UsageFunctions.Storage.Tables;

/// <summary>The product's tables (before the configured prefix).</summary>
public static class TableNames
{
    public const string Accounts = "Accounts";
    public const string ApiKeys = "ApiKeys";
    public const string RawEvents = "RawEvents";
    public const string ChangedHours = "ChangedHours";

    /// <summary>Hourly, daily and monthly roll-ups; kept at least 25 months, never purged with raw events.</summary>
    public const string Aggregates = "Aggregates";
    public const string RollupState = "RollupState";
    public const string Periods = "Periods";

    /// <summary>Alert rules and webhook endpoints; the outbox of fired alerts with their delivery logs; due deliveries by minute.</summary>
    public const string Alerts = "Alerts";
    public const string AlertOutbox = "AlertOutbox";
    public const string AlertDue = "AlertDue";

    public static IReadOnlyList<string> All { get; } = [Accounts, ApiKeys, RawEvents, ChangedHours, Aggregates, RollupState, Periods, Alerts, AlertOutbox, AlertDue];
}
