using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.App.Alerts;

/// <summary>
/// The self-service alert API's caller: a key of the account it acts for. Reading takes <c>usage:read</c> (or
/// <c>alerts:write</c>, which may read what it writes); changing anything takes <c>alerts:write</c>.
/// </summary>
public static class AlertCaller
{
    public static async Task<IResult> RunAsync(HttpRequest request, ApiKeyAuthenticator keys, bool write,
        Func<string, Task<IResult>> handler, CancellationToken cancellationToken)
    {
        var presented = PresentedCredentials.BearerOrApiKey(request);
        var check = await keys.CheckAsync(presented, write ? ApiKeyScopes.AlertsWrite : ApiKeyScopes.UsageRead, cancellationToken);
        if (!write && check.Status == KeyStatus.MissingScope) check = await keys.CheckAsync(presented, ApiKeyScopes.AlertsWrite, cancellationToken);
        return check.Status switch
        {
            KeyStatus.Valid => await handler(check.AccountId!),
            KeyStatus.MissingScope => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Scope required",
                detail: write ? "Changing alerts takes a key with the alerts:write scope." : "Reading alerts takes a usage:read or alerts:write key."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
                detail: "Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key'."),
        };
    }
}
