using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Billing;

/// <summary>The SaaS billing API's usage endpoint under the base URL <c>/billing</c>.</summary>
public sealed class BillingFunctions(ApiKeyAuthenticator keys, AccountProfiles accounts, PlanCatalog plans, IUsageQuery usage, TimeProvider clock)
{
    [Function("BillingUsage")]
    public Task<IResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = BillingUsageApi.Route)] HttpRequest req, CancellationToken cancellationToken) =>
        BillingUsageApi.GetUsageAsync(req, keys, accounts, plans, usage, clock, cancellationToken);
}
