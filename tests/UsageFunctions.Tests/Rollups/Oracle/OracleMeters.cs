namespace UsageFunctions.Tests.Rollups.Oracle;

public enum OracleKind
{
    Additive,
    Level,
    InUse,
}

/// <summary>The built-in meters written out longhand from the specification, independently of the production catalog.</summary>
public static class OracleMeters
{
    public static readonly string[] CallDims = ["agent", "voice", "phoneNumber", "endReason", "direction"];
    public static readonly string[] MessageDims = ["agent", "phoneNumber", "direction"];

    public static readonly string[] Keys =
    [
        "calls", "call_seconds", "call_minutes", "billed_seconds", "joined_calls", "error_calls", "completed_calls", "completed_call_seconds",
        "messages", "webhook_deliveries_succeeded", "webhook_deliveries_failed", "api_requests", "bandwidth_bytes", "emails",
        "webhook_events", "storage_gb", "seats", "phone_numbers",
    ];

    public static OracleKind Kind(string meter) => meter switch
    {
        "storage_gb" or "seats" => OracleKind.Level,
        "phone_numbers" => OracleKind.InUse,
        _ => OracleKind.Additive,
    };

    public static string[] DimensionsOf(string meter) => meter switch
    {
        "calls" or "call_seconds" or "call_minutes" or "billed_seconds" or "joined_calls" or "error_calls" or "completed_calls"
            or "completed_call_seconds" => CallDims,
        "messages" => MessageDims,
        "bandwidth_bytes" => ["direction"],
        "phone_numbers" => ["phoneNumber"],
        _ => [],
    };

    /// <summary>What the event adds to the meter, or null when the meter does not count it.</summary>
    public static decimal? Contribution(string meter, GeneratedEvent e)
    {
        var call = e.Type == "usage.call.ended";
        var completed = call && e.Joined && !e.Errored;
        return meter switch
        {
            "calls" when call => 1,
            "call_seconds" when call => e.Duration,
            "call_minutes" when call => Math.Ceiling(e.Duration / 60m),
            // README "Call definitions": a BILLED call without billedSeconds bills its duration.
            "billed_seconds" when call && (e.Billing ?? "BILLED") == "BILLED" => e.Billed ?? e.Duration,
            "joined_calls" when call && e.Joined => 1,
            "error_calls" when call && e.Errored => 1,
            "completed_calls" when completed => 1,
            "completed_call_seconds" when completed => e.Duration,
            "messages" when e.Type is "usage.message.sent" or "usage.message.received" => 1,
            "webhook_deliveries_succeeded" when e.Type == "usage.webhook.delivery.succeeded" => 1,
            "webhook_deliveries_failed" when e.Type == "usage.webhook.delivery.failed" => 1,
            "api_requests" when e.Type == "usage.api.request" => e.Quantity,
            "bandwidth_bytes" when e.Type == "usage.bandwidth.used" => e.Quantity,
            "emails" when e.Type == "usage.email.sent" => e.Quantity,
            "webhook_events" when e.Type == "usage.webhook.event.processed" => e.Quantity,
            "storage_gb" when e.Type == "usage.storage.level" => e.Level,
            "seats" when e.Type == "usage.seats.level" => e.Level,
            "phone_numbers" when e.Type == "usage.phone_number.provisioned" => 1,
            "phone_numbers" when e.Type == "usage.phone_number.released" => 0,
            _ => null,
        };
    }

    public static string ValueOf(string dimension, GeneratedEvent e) => dimension switch
    {
        "agent" => e.Agent,
        "voice" => e.Voice,
        "phoneNumber" => e.Number,
        "endReason" => e.EndReason,
        "direction" => e.Type switch
        {
            "usage.message.sent" => "outbound",
            "usage.message.received" => "inbound",
            _ => e.Direction,
        },
        _ => null,
    } ?? "";

    /// <summary>Later instant wins; ties go to the larger hash (ordinal).</summary>
    public static GeneratedEvent? Latest(IEnumerable<GeneratedEvent> events) =>
        events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Hash, StringComparer.Ordinal).LastOrDefault();
}
