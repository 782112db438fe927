namespace UsageFunctions.Domain.Accounts;

/// <summary>A customer account: its plan and where its billing periods start.</summary>
public sealed record Account(
    string Id,
    string Name,
    string Plan,
    int BillingAnchorDay,
    string TimeZone,
    DateTimeOffset CreatedAt);
