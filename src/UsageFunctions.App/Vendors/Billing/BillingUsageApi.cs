using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Periods;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Billing;

/// <summary>
/// The SaaS billing API's <c>GET /api/billing/usage</c>, served under <c>/billing</c>: the key's account's metered usage
/// against its plan for the current billing period or a custom range, the estimated cost and a projection.
/// </summary>
public static class BillingUsageApi
{
    public const string Route = "billing/api/billing/usage";

    public static async Task<IResult> GetUsageAsync(HttpRequest request, ApiKeyAuthenticator keys, AccountProfiles accounts,
        PlanCatalog plans, IUsageQuery usage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var check = await keys.CheckAsync(PresentedCredentials.Bearer(request), ApiKeyScopes.UsageRead, cancellationToken);
        // The vendor documents 401 as its only authentication answer, so a key without the scope gets it too.
        if (check.Status == KeyStatus.MissingScope)
            return Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "Authentication required: this key lacks the usage:read scope");
        var account = check.Status == KeyStatus.Valid ? await accounts.FindAsync(check.AccountId!, cancellationToken) : null;
        if (account is null || plans.Find(account.Plan) is not { } plan)
            return Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "Authentication required");

        var now = clock.GetUtcNow();
        var current = BillingPeriod.Containing(now, account.BillingAnchorDay, TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone));
        var (query, error) = BillingQuery.Parse(request.Query, now, current.Start);
        if (query is null) return Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", error!);

        var from = query.From ?? current.Start;
        var to = query.To ?? current.End;
        // Every metric is read, in one batch, because the estimated cost covers them all; `metrics` only filters what is shown.
        var all = BillingMetric.All;
        var read = await usage.ReadAsync(account.Id, UsageReadBatch.Of([.. all.Select(m => new TotalQuery(m.Meter, from, to))]),
            cancellationToken);
        var used = all.Select((metric, i) => (metric, amount: (decimal)read.Totals[i].Total / metric.MeterUnitsPerUnit))
            .ToDictionary(m => m.metric, m => m.amount);
        return TypedResults.Ok(BillingUsageMapper.ToResponse(from, to, ElapsedFraction(from, to, now), used, query.Metrics, plan));
    }

    /// <summary>How much of [from, to) has passed: 0 before it starts, 1 once it has ended.</summary>
    private static decimal ElapsedFraction(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now) =>
        now <= from ? 0m : now >= to ? 1m : (decimal)((now - from).Ticks / (double)(to - from).Ticks);

    private static IResult Error(int status, string code, string message) =>
        TypedResults.Json(BillingErrorResponse.Of(code, message), statusCode: status);
}
