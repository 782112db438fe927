using System.Text.Json;

namespace UsageFunctions.Domain.Events;

/// <summary>Turns the <c>data</c> of each event type into its typed payload.</summary>
internal static class PayloadReaders
{
    private static readonly Dictionary<string, Func<DataReader, EventPayload?>> Readers = new(StringComparer.Ordinal)
    {
        [EventTypes.CallEnded] = ReadCall,
        [EventTypes.MessageSent] = ReadMessage,
        [EventTypes.MessageReceived] = ReadMessage,
        [EventTypes.WebhookDeliverySucceeded] = ReadDelivery,
        [EventTypes.WebhookDeliveryFailed] = ReadDelivery,
        [EventTypes.ApiRequest] = r => ReadQuantity(r, "count", 1, "endpoint"),
        [EventTypes.BandwidthUsed] = r => ReadQuantity(r, "bytes", null, "direction"),
        [EventTypes.EmailSent] = r => ReadQuantity(r, "count", 1, "template"),
        [EventTypes.WebhookEventProcessed] = r => ReadQuantity(r, "count", 1, "eventType"),
        [EventTypes.StorageLevel] = r => ReadLevel(r, "gigabytes"),
        [EventTypes.SeatLevel] = r => ReadLevel(r, "seats", wholeNumber: true),
        [EventTypes.PhoneNumberProvisioned] = ReadPhoneNumber,
        [EventTypes.PhoneNumberReleased] = ReadPhoneNumber,
    };

    public static bool IsKnown(string type) => Readers.ContainsKey(type);

    public static (EventPayload? Payload, EventRejection? Error) Read(string type, JsonElement data)
    {
        var reader = new DataReader(data);
        var payload = Readers[type](reader);
        return reader.Error is null ? (payload, null) : (null, reader.Error);
    }

    private static EventPayload? ReadCall(DataReader r)
    {
        var callId = r.Identifier("callId", required: true);
        var agentId = r.Identifier("agentId");
        var voiceId = r.Identifier("voiceId");
        var numberId = r.Identifier("phoneNumberId");
        var direction = r.OneOf("direction", Directions);
        var created = r.Instant("createdAt", required: true);
        var joined = r.Instant("joinedAt");
        var ended = r.Instant("endedAt", required: true);
        var duration = r.Number("durationSeconds", required: true, max: MaxCallSeconds);
        var billed = r.Number("billedSeconds", max: MaxCallSeconds);
        var endReason = r.OneOf("endReason", CallEndReasons.All, required: true);
        var billing = r.OneOf("billingStatus", CallBillingStatuses.All) ?? CallBillingStatuses.Billed;
        var metadata = r.StringMap("metadata");
        var summary = r.Text("summary", maxLength: EventLimits.MaxTextLength);
        if (r.Error is not null) return null;
        r.Check(ended >= created, "endedAt", "at or after data.createdAt");
        r.Check(joined is null || (joined >= created && joined <= ended), "joinedAt", "between data.createdAt and data.endedAt");
        r.Check(endReason != CallEndReasons.Unjoined || joined is null, "joinedAt", "absent when data.endReason is 'unjoined'");
        return new CallEnded(callId!, agentId, voiceId, numberId, direction, created!.Value, joined, ended!.Value,
            duration!.Value, billed, endReason!, billing, metadata, summary);
    }

    private static EventPayload ReadMessage(DataReader r) =>
        new MessageEvent(r.Identifier("messageId"), r.Identifier("phoneNumberId"), r.Identifier("agentId"));

    private static EventPayload ReadDelivery(DataReader r) =>
        new WebhookDelivery(r.Identifier("webhookId"), (int?)r.Integer("statusCode", min: 100, max: 599));

    private static EventPayload? ReadQuantity(DataReader r, string field, long? defaultValue, string detail)
    {
        var quantity = r.Integer(field, required: defaultValue is null, min: 0, max: MaxQuantity) ?? defaultValue;
        var text = r.Text(detail);
        return quantity is null ? null : new QuantityEvent(quantity.Value, text);
    }

    private static EventPayload? ReadLevel(DataReader r, string field, bool wholeNumber = false)
    {
        var level = wholeNumber
            ? r.Integer(field, required: true, max: 10_000_000)
            : r.Number(field, required: true, max: 1e12);
        return level is null ? null : new LevelEvent(Convert.ToDouble(level));
    }

    private static EventPayload? ReadPhoneNumber(DataReader r)
    {
        var id = r.Identifier("phoneNumberId", required: true);
        var number = r.Text("phoneNumber");
        r.Check(number is null || E164.IsValid(number), "phoneNumber", "an E.164 number such as +14155550100");
        var country = r.Text("country");
        var agent = r.Identifier("agentId");
        return id is null ? null : new PhoneNumberEvent(id, number, country, agent);
    }

    private const double MaxCallSeconds = 7 * 24 * 3600;
    private const long MaxQuantity = 1L << 50;
    private static readonly IReadOnlySet<string> Directions = new HashSet<string> { "inbound", "outbound" };
}
