using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Periods;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.App.Vendors;

/// <summary>
/// Resolves a vendor API caller: a <c>usage:read</c> key, its account (the only tenant it may read) and the account's
/// plan. Each vendor API turns a failure into its own error shape.
/// </summary>
public sealed class VendorAccess(ApiKeyAuthenticator keys, AccountProfiles accounts, PlanCatalog plans)
{
    public async Task<VendorCaller> ResolveAsync(string? presented, CancellationToken cancellationToken)
    {
        var check = await keys.CheckAsync(presented, ApiKeyScopes.UsageRead, cancellationToken);
        if (check.Status != KeyStatus.Valid) return new VendorCaller(check.Status, null, null);
        var account = await accounts.FindAsync(check.AccountId!, cancellationToken);
        if (account is null) return new VendorCaller(KeyStatus.Invalid, null, null);
        return new VendorCaller(KeyStatus.Valid, account, plans.Find(account.Plan) ?? plans.Find("free"));
    }
}

/// <summary>Who is calling: <see cref="Account"/> and <see cref="Plan"/> are set when <see cref="Status"/> is valid.</summary>
public sealed record VendorCaller(KeyStatus Status, Account? Account, Plan? Plan)
{
    public bool IsValid => Status == KeyStatus.Valid;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(Account!.TimeZone);

    /// <summary>The account's billing period containing <paramref name="now"/>, from its anchor day and zone: no storage read.</summary>
    public BillingPeriod PeriodAt(DateTimeOffset now) => BillingPeriod.Containing(now, Account!.BillingAnchorDay, Zone);
}
