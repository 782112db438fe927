using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.App.Vendors.Ultravox;

public sealed record UltravoxDetail(string Detail);

/// <summary>
/// Django REST Framework's authentication answers. An API-key header has no <c>WWW-Authenticate</c> scheme, so DRF
/// answers 403 (not 401) for missing and wrong credentials alike, with its standard messages.
/// </summary>
public static class UltravoxErrors
{
    public const string NotProvided = "Authentication credentials were not provided.";
    public const string Incorrect = "Incorrect authentication credentials.";
    public const string NoPermission = "You do not have permission to perform this action.";

    public static async Task<(string? AccountId, IResult? Denied)> AuthenticateAsync(HttpRequest request, ApiKeyAuthenticator keys,
        CancellationToken cancellationToken)
    {
        var check = await keys.CheckAsync(PresentedCredentials.ApiKey(request), ApiKeyScopes.UsageRead, cancellationToken);
        return check.Status switch
        {
            KeyStatus.Valid => (check.AccountId, null),
            KeyStatus.Missing => (null, Forbidden(NotProvided)),
            KeyStatus.MissingScope => (null, Forbidden(NoPermission)),
            _ => (null, Forbidden(Incorrect)),
        };
    }

    private static IResult Forbidden(string detail) => TypedResults.Json(new UltravoxDetail(detail), statusCode: StatusCodes.Status403Forbidden);
}
