namespace UsageFunctions.App.Vendors.AgentPhone;

/// <summary>AgentPhone's error body: <c>{"error":{"message","code","type","details":[]}}</c>.</summary>
public static class AgentPhoneErrors
{
    public static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized,
        "Invalid or missing API key. Send 'Authorization: Bearer <key>' with a usage:read key.", "UNAUTHORIZED", "authentication_error", []);

    public static IResult Validation(string field, string message) => Error(StatusCodes.Status422UnprocessableEntity,
        message, "VALIDATION_ERROR", "validation_error", [new ErrorDetail(field, message)]);

    private static IResult Error(int status, string message, string code, string type, IReadOnlyList<ErrorDetail> details) =>
        TypedResults.Json(new ErrorBody(new ErrorPayload(message, code, type, details)), statusCode: status);

    public sealed record ErrorBody(ErrorPayload Error);

    public sealed record ErrorPayload(string Message, string Code, string Type, IReadOnlyList<ErrorDetail> Details);

    public sealed record ErrorDetail(string Field, string Message);
}
