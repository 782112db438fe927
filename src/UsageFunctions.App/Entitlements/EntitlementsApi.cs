using UsageFunctions.App.Auth;
using UsageFunctions.App.Vendors;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Entitlements;

/// <summary>
/// <c>GET /api/entitlements/{meter}</c> (a <c>usage:read</c> key): may the account still use the meter this billing
/// period? The period counter (one point read) plus, for additive meters, what arrived since the last roll-up (the
/// change markers since the watermark and a recount of just those hours), so the figure is exact up to now.
/// </summary>
public static class EntitlementsApi
{
    public static async Task<IResult> CheckAsync(string meterKey, HttpRequest request, VendorAccess access, IUsageQuery usage,
        UnrolledChange unrolled, MeterCatalog meters, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.BearerOrApiKey(request), cancellationToken);
        if (!caller.IsValid)
            return TypedResults.Problem(statusCode: caller.Status == KeyStatus.MissingScope ? 403 : 401,
                title: caller.Status == KeyStatus.MissingScope ? "Forbidden" : "Authentication required",
                detail: "Send a usage:read key as 'Authorization: Bearer <key>' or 'X-API-Key'.");
        if (meters.Find(meterKey) is not { } meter)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown meter",
                detail: "One of: " + string.Join(", ", meters.All.Select(m => m.Key)) + ".");

        var now = clock.GetUtcNow();
        var period = await usage.CurrentPeriodAsync(caller.Account!.Id, cancellationToken);
        var counted = (decimal)period.Meters.GetValueOrDefault(meter.Key);
        var since = await unrolled.AdditiveChangeAsync(caller.Account.Id, meter, period.Start, period.End, cancellationToken);
        var used = counted + (since ?? 0m);
        var limit = EntitlementLimits.Of(caller.Plan!, meter.Key);
        return TypedResults.Ok(new EntitlementResponse(meter.Key, used, limit, limit is { } l ? Math.Max(0m, l - used) : null,
            limit is null || used < limit, period.End, since is null ? period.AsOf : now));
    }
}

/// <summary>
/// <c>hasAccess</c>: no limit, or <c>used</c> below it. <c>resetsAt</c>: the end of the billing period. <c>asOf</c>: the
/// instant the figure is exact to (now; for level and state meters, the last roll-up).
/// </summary>
public sealed record EntitlementResponse(string Meter, decimal Used, decimal? Limit, decimal? Remaining, bool HasAccess,
    DateTimeOffset ResetsAt, DateTimeOffset AsOf);
