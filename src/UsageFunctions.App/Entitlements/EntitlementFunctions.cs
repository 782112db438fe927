using UsageFunctions.App.Vendors;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Periods;

namespace UsageFunctions.App.Entitlements;

/// <summary>Producers gate an action on the plan: "may this account still do X this period?"</summary>
public sealed class EntitlementFunctions(VendorAccess access, EntitlementFigure figures, MeterCatalog meters, TimeProvider clock)
{
    [Function("CheckEntitlement")]
    public Task<IResult> CheckEntitlement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/entitlements/{meter}")] HttpRequest req, string meter,
        CancellationToken cancellationToken) =>
        EntitlementsApi.CheckAsync(meter, req, access, figures, meters, clock, cancellationToken);
}
