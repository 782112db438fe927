using System.Collections.Concurrent;
using System.Globalization;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.App.Vendors.AgentPhone;
using UsageFunctions.App.Vendors.Billing;
using UsageFunctions.App.Vendors.Ultravox;
using UsageFunctions.App.Vendors.Vocode;

namespace UsageFunctions.App.RateLimits;

/// <summary>An API surface as the rate limit sees it: the credential its handlers read, and its 429 in its own error shape.</summary>
public sealed record ThrottledSurface(Func<HttpRequest, string?> Credential, Func<Throttle, IResult> Answer)
{
    /// <summary>FastAPI's <c>HTTPException(429)</c> without a detail carries the status phrase.</summary>
    public static readonly ThrottledSurface Vocode = new(PresentedCredentials.Bearer,
        _ => TypedResults.Json(new { detail = "Too Many Requests" }, statusCode: StatusCodes.Status429TooManyRequests));

    /// <summary>AgentPhone's error guide: code <c>RATE_LIMIT_EXCEEDED</c>, type <c>rate_limit_error</c>, this wording.</summary>
    public static readonly ThrottledSurface AgentPhone = new(PresentedCredentials.Bearer, t => TypedResults.Json(
        new AgentPhoneErrors.ErrorBody(new AgentPhoneErrors.ErrorPayload(
            $"Rate limit exceeded. Limit: {t.PermitsPerMinute} requests per 60s", "RATE_LIMIT_EXCEEDED", "rate_limit_error", [])),
        statusCode: StatusCodes.Status429TooManyRequests));

    /// <summary>Django REST Framework's <c>Throttled</c> detail, with its singular and plural.</summary>
    public static readonly ThrottledSurface Ultravox = new(PresentedCredentials.ApiKey, t => TypedResults.Json(
        new UltravoxDetail(string.Create(CultureInfo.InvariantCulture,
            $"Request was throttled. Expected available in {t.RetryAfterSeconds} second{(t.RetryAfterSeconds == 1 ? "" : "s")}.")),
        statusCode: StatusCodes.Status429TooManyRequests));

    /// <summary>The billing page documents only 401 and 400; a 429 keeps its envelope and its SCREAMING_SNAKE codes.</summary>
    public static readonly ThrottledSurface Billing = new(PresentedCredentials.Bearer, t => TypedResults.Json(
        BillingErrorResponse.Of("RATE_LIMITED", $"Too many requests: retry after {t.RetryAfterSeconds} seconds"),
        statusCode: StatusCodes.Status429TooManyRequests));

    /// <summary>Our own API and ingestion: problem details.</summary>
    public static readonly ThrottledSurface Own = new(PresentedCredentials.BearerOrApiKey, t => TypedResults.Problem(
        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
        detail: $"This key may make {t.PermitsPerMinute} requests a minute on each instance; retry after {t.RetryAfterSeconds} seconds."));

    private static readonly Dictionary<Type, ThrottledSurface> Vendors = new()
    {
        [typeof(VocodeFunctions)] = Vocode,
        [typeof(AgentPhoneFunctions)] = AgentPhone,
        [typeof(UltravoxFunctions)] = Ultravox,
        [typeof(BillingFunctions)] = Billing,
    };

    private static readonly ConcurrentDictionary<string, ThrottledSurface?> ByEntryPoint = new();

    /// <summary>
    /// The surface of a function: a vendor's by its function class, our own for every other class, none for the
    /// management API (the admin key is not rate limited).
    /// </summary>
    public static ThrottledSurface? Of(string entryPoint) => ByEntryPoint.GetOrAdd(entryPoint, e =>
        AdminKeyMiddleware.Guards(e) ? null
        : FunctionClasses.Of(e) is { } type && Vendors.TryGetValue(type, out var vendor) ? vendor
        : Own);
}
