namespace UsageFunctions.Domain.Events;

/// <summary>Why an event was not accepted. <see cref="Code"/> is stable for clients; <see cref="Message"/> explains.</summary>
public sealed record EventRejection(string Code, string Message)
{
    public static EventRejection Missing(string field) => new(RejectionCodes.MissingField, $"'{field}' is required.");

    public static EventRejection Invalid(string field, string expected) =>
        new(RejectionCodes.InvalidField, $"'{field}' must be {expected}.");
}

public static class RejectionCodes
{
    public const string InvalidEnvelope = "invalid_envelope";
    public const string UnknownType = "unknown_type";
    public const string MissingField = "missing_field";
    public const string InvalidField = "invalid_field";
    public const string TooOld = "too_old";
    public const string InFuture = "in_future";
    public const string TooLarge = "too_large";
}
