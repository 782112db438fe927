using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Vocode;

/// <summary>Vocode's usage API under the base URL <c>/vocode</c>.</summary>
public sealed class VocodeFunctions(VendorAccess access, IUsageQuery usage)
{
    [Function("VocodeUsage")]
    public Task<IResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "vocode/v1/usage")] HttpRequest req, CancellationToken cancellationToken) =>
        VocodeApi.GetUsageAsync(req, access, usage, cancellationToken);
}
