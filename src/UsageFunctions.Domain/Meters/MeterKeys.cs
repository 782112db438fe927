namespace UsageFunctions.Domain.Meters;

/// <summary>The keys of the built-in meters; the vendor APIs read usage by these keys.</summary>
public static class MeterKeys
{
    public const string Calls = "calls";
    public const string CallSeconds = "call_seconds";

    /// <summary>Each call's duration rounded up to whole minutes, summed (Vocode's per-call rounding).</summary>
    public const string CallMinutes = "call_minutes";
    public const string BilledSeconds = "billed_seconds";
    public const string JoinedCalls = "joined_calls";
    public const string ErrorCalls = "error_calls";
    public const string CompletedCalls = "completed_calls";
    public const string CompletedCallSeconds = "completed_call_seconds";
    public const string Messages = "messages";
    public const string WebhookDeliveriesSucceeded = "webhook_deliveries_succeeded";
    public const string WebhookDeliveriesFailed = "webhook_deliveries_failed";
    public const string ApiRequests = "api_requests";
    public const string BandwidthBytes = "bandwidth_bytes";
    public const string Emails = "emails";
    public const string WebhookEvents = "webhook_events";
    public const string StorageGigabytes = "storage_gb";
    public const string Seats = "seats";
    public const string PhoneNumbersInUse = "phone_numbers";
}

/// <summary>The dimensions usage can be broken down by.</summary>
public static class Dimensions
{
    public const string Agent = "agent";
    public const string PhoneNumber = "phoneNumber";
    public const string Voice = "voice";
    public const string EndReason = "endReason";
    public const string Direction = "direction";
}
