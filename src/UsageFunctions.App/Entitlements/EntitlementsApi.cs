using UsageFunctions.App.Auth;
using UsageFunctions.App.Vendors;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Periods;

namespace UsageFunctions.App.Entitlements;

/// <summary>
/// <c>GET /api/entitlements/{meter}</c> (a <c>usage:read</c> key): may the account still use the meter this billing
/// period? From the period counters (one point read) and the account's pending hours (one range query of its change
/// markers); when pending hours fall in the period, their totals and raw events (two more reads, see
/// <see cref="EntitlementFigure"/>), so the figure is exact up to now.
/// </summary>
public static class EntitlementsApi
{
    public static async Task<IResult> CheckAsync(string meterKey, HttpRequest request, VendorAccess access, EntitlementFigure figures,
        MeterCatalog meters, TimeProvider clock, CancellationToken cancellationToken)
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
        var period = await figures.ReadAsync(caller.Account!.Id, meter, cancellationToken);
        var used = period.Used;
        var limit = EntitlementLimits.Of(caller.Plan!, meter.Key);
        return TypedResults.Ok(new EntitlementResponse(meter.Key, used, limit, limit is { } l ? Math.Max(0m, l - used) : null,
            limit is null || used < limit, period.End, now));
    }
}

/// <summary>
/// <c>hasAccess</c>: no limit, or <c>used</c> below it. <c>resetsAt</c>: the end of the billing period. <c>asOf</c>: the
/// instant the figure is exact to: now.
/// </summary>
public sealed record EntitlementResponse(string Meter, decimal Used, decimal? Limit, decimal? Remaining, bool HasAccess,
    DateTimeOffset ResetsAt, DateTimeOffset AsOf);
