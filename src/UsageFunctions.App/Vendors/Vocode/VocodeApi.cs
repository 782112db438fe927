using System.Text.Json.Serialization;
using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Vocode;

/// <summary>
/// Vocode's <c>GET /v1/usage/</c> under <c>/vocode</c>. Minutes are the current billing period's calls, each rounded up
/// to whole minutes (meter <c>call_minutes</c>). Errors follow FastAPI: 403 <c>{"detail":"Not authenticated"}</c>
/// without a bearer token, 401 for a token that is not a valid usage:read key.
/// </summary>
public static class VocodeApi
{
    public static async Task<IResult> GetUsageAsync(
        HttpRequest request, VendorAccess access, IUsageQuery usage, CancellationToken cancellationToken)
    {
        var token = PresentedCredentials.Bearer(request);
        if (token is null) return Detail(StatusCodes.Status403Forbidden, "Not authenticated");
        var caller = await access.ResolveAsync(token, cancellationToken);
        if (!caller.IsValid) return Detail(StatusCodes.Status401Unauthorized, "Invalid authentication credentials");
        var period = await usage.CurrentPeriodAsync(caller.Account!.Id, cancellationToken);
        var minutes = (int)Math.Round(period.Meters.GetValueOrDefault(MeterKeys.CallMinutes), MidpointRounding.AwayFromZero);
        return TypedResults.Ok(new VocodeUsage(caller.Account.Id, caller.Plan!.PlanType, minutes, caller.Plan.VoiceMinutesPerMonth));
    }

    private static IResult Detail(int status, string detail) => TypedResults.Json(new { detail }, statusCode: status);
}

public sealed record VocodeUsage(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("plan_type")] string PlanType,
    [property: JsonPropertyName("monthly_usage_minutes")] int MonthlyUsageMinutes,
    [property: JsonPropertyName("monthly_usage_limit_minutes")] int MonthlyUsageLimitMinutes);
