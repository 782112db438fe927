using UsageFunctions.App.Vendors;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Usage;

/// <summary>Our own usage API: any meter over any window, and the current billing period's counters.</summary>
public sealed class UsageApiFunctions(VendorAccess access, IUsageQuery usage, MeterCatalog meters, TimeProvider clock)
{
    [Function("GetUsage")]
    public Task<IResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/usage")] HttpRequest req, CancellationToken cancellationToken) =>
        UsageApi.GetUsageAsync(req, access, usage, meters, clock, cancellationToken);

    [Function("GetCurrentPeriod")]
    public Task<IResult> GetCurrentPeriod(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/usage/period")] HttpRequest req, CancellationToken cancellationToken) =>
        UsageApi.GetPeriodAsync(req, access, usage, cancellationToken);
}
