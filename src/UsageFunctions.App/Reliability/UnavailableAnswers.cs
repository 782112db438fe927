using UsageFunctions.App.Functions;
using UsageFunctions.App.Vendors.AgentPhone;
using UsageFunctions.App.Vendors.Billing;
using UsageFunctions.App.Vendors.Ultravox;
using UsageFunctions.App.Vendors.Vocode;

namespace UsageFunctions.App.Reliability;

/// <summary>
/// A 503 (storage failed, refused or stalled) in the error shape of the API that was called. Retry-After is added by
/// the caller; our own API and the management API answer problem details with the correlation id.
/// </summary>
public static class UnavailableAnswers
{
    private const string Message = "Storage is unavailable; retry after the time in Retry-After.";

    public static IResult? ForVendor(string entryPoint) => FunctionClasses.Of(entryPoint) switch
    {
        // FastAPI and Django REST Framework: {"detail": ...}.
        var t when t == typeof(VocodeFunctions) => Json(new { detail = "Service Unavailable" }),
        var t when t == typeof(UltravoxFunctions) => Json(new UltravoxDetail(Message)),
        var t when t == typeof(AgentPhoneFunctions) => Json(new AgentPhoneErrors.ErrorBody(
            new AgentPhoneErrors.ErrorPayload(Message, "SERVICE_UNAVAILABLE", "api_error", []))),
        var t when t == typeof(BillingFunctions) => Json(BillingErrorResponse.Of("SERVICE_UNAVAILABLE", Message)),
        _ => null,
    };

    private static IResult Json<T>(T body) => TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
}
