using System.Text.Json.Serialization;
using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Vocode;

/// <summary>
/// Vocode's <c>GET /v1/usage/</c> under <c>/vocode</c>. Minutes are the current billing period's calls, each rounded up
/// to whole minutes (meter <c>call_minutes</c>). Errors follow FastAPI's <c>HTTPBearer</c>: 403
/// <c>{"detail":"Not authenticated"}</c> without a scheme and credentials, 403 "Invalid authentication credentials" for
/// another scheme; then Vocode's own 401 for a bearer token that is not a valid usage:read key.
/// </summary>
public static class VocodeApi
{
    public static async Task<IResult> GetUsageAsync(
        HttpRequest request, VendorAccess access, IUsageQuery usage, CancellationToken cancellationToken)
    {
        var (token, refused) = HttpBearer(request);
        if (token is null) return refused!;
        var caller = await access.ResolveAsync(token, cancellationToken);
        if (!caller.IsValid) return Detail(StatusCodes.Status401Unauthorized, "Invalid authentication credentials");
        var period = await usage.CurrentPeriodAsync(caller.Account!.Id, cancellationToken);
        var minutes = (int)Math.Round(period.Meters.GetValueOrDefault(MeterKeys.CallMinutes), MidpointRounding.AwayFromZero);
        return TypedResults.Ok(new VocodeUsage(caller.Account.Id, caller.Plan!.PlanType, minutes, caller.Plan.VoiceMinutesPerMonth));
    }

    /// <summary>
    /// FastAPI's <c>HTTPBearer</c>: the header splits at its first space into a scheme and credentials; either missing is
    /// "Not authenticated", a scheme other than Bearer (any case) is "Invalid authentication credentials", both 403.
    /// </summary>
    private static (string? Token, IResult? Refused) HttpBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var (scheme, credentials) = space < 0 ? (header, "") : (header[..space], header[(space + 1)..]);
        if (scheme.Length == 0 || credentials.Length == 0) return (null, Detail(StatusCodes.Status403Forbidden, "Not authenticated"));
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return (null, Detail(StatusCodes.Status403Forbidden, "Invalid authentication credentials"));
        return (credentials.Trim(), null);
    }

    private static IResult Detail(int status, string detail) => TypedResults.Json(new { detail }, statusCode: status);
}

public sealed record VocodeUsage(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("plan_type")] string PlanType,
    [property: JsonPropertyName("monthly_usage_minutes")] int MonthlyUsageMinutes,
    [property: JsonPropertyName("monthly_usage_limit_minutes")] int MonthlyUsageLimitMinutes);
