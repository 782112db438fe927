using UsageFunctions.Domain.Events;
using static UsageFunctions.Domain.Meters.MeterAggregation;

namespace UsageFunctions.Domain.Meters;

/// <summary>The meters the vendor APIs read. Counting instant: <see cref="UsageEvent.OccurredAt"/>.</summary>
public static class BuiltInMeters
{
    // Declared before All: static fields initialise in textual order.
    private static readonly IReadOnlyDictionary<string, Func<UsageEvent, string?>> CallDimensions =
        new Dictionary<string, Func<UsageEvent, string?>>
        {
            [Dimensions.Agent] = e => (e.Payload as CallEnded)?.AgentId,
            [Dimensions.Voice] = e => (e.Payload as CallEnded)?.VoiceId,
            [Dimensions.PhoneNumber] = e => (e.Payload as CallEnded)?.PhoneNumberId,
            [Dimensions.EndReason] = e => (e.Payload as CallEnded)?.EndReason,
            [Dimensions.Direction] = e => (e.Payload as CallEnded)?.Direction,
        };

    private static readonly IReadOnlyDictionary<string, Func<UsageEvent, string?>> MessageDimensions =
        new Dictionary<string, Func<UsageEvent, string?>>
        {
            [Dimensions.Agent] = e => (e.Payload as MessageEvent)?.AgentId,
            [Dimensions.PhoneNumber] = e => (e.Payload as MessageEvent)?.PhoneNumberId,
            [Dimensions.Direction] = e => e.Type == EventTypes.MessageSent ? "outbound" : "inbound",
        };

    private static readonly IReadOnlyDictionary<string, Func<UsageEvent, string?>> BandwidthDimensions =
        new Dictionary<string, Func<UsageEvent, string?>>
        {
            // A bandwidth event's detail field is its direction.
            [Dimensions.Direction] = e => (e.Payload as QuantityEvent)?.Detail,
        };

    private static readonly IReadOnlyDictionary<string, Func<UsageEvent, string?>> None =
        new Dictionary<string, Func<UsageEvent, string?>>();

    public static IReadOnlyList<MeterDefinition> All { get; } =
    [
        Call(MeterKeys.Calls, Count, "calls", _ => 1m),
        Call(MeterKeys.CallSeconds, Sum, "seconds", c => (decimal)c.DurationSeconds),
        Call(MeterKeys.CallMinutes, Sum, "minutes", c => Math.Ceiling((decimal)c.DurationSeconds / 60m)),
        Call(MeterKeys.BilledSeconds, Sum, "seconds", c => (decimal?)c.SecondsBilled),
        Call(MeterKeys.JoinedCalls, Count, "calls", c => c.Joined ? 1m : null),
        Call(MeterKeys.ErrorCalls, Count, "calls", c => c.Errored ? 1m : null),
        Call(MeterKeys.CompletedCalls, Count, "calls", c => c.Completed ? 1m : null),
        Call(MeterKeys.CompletedCallSeconds, Sum, "seconds", c => c.Completed ? (decimal)c.DurationSeconds : null),
        new(MeterKeys.Messages, Types(EventTypes.MessageSent, EventTypes.MessageReceived), Count, "messages", _ => 1m, MessageDimensions),
        Counter(MeterKeys.WebhookDeliveriesSucceeded, EventTypes.WebhookDeliverySucceeded, "deliveries"),
        Counter(MeterKeys.WebhookDeliveriesFailed, EventTypes.WebhookDeliveryFailed, "deliveries"),
        Quantity(MeterKeys.ApiRequests, EventTypes.ApiRequest, "requests"),
        Quantity(MeterKeys.BandwidthBytes, EventTypes.BandwidthUsed, "bytes", BandwidthDimensions),
        Quantity(MeterKeys.Emails, EventTypes.EmailSent, "emails"),
        Quantity(MeterKeys.WebhookEvents, EventTypes.WebhookEventProcessed, "events"),
        Level(MeterKeys.StorageGigabytes, EventTypes.StorageLevel, "GB"),
        Level(MeterKeys.Seats, EventTypes.SeatLevel, "seats"),
        new(MeterKeys.PhoneNumbersInUse, Types(EventTypes.PhoneNumberProvisioned, EventTypes.PhoneNumberReleased), UniqueState,
            "numbers", e => e.Type == EventTypes.PhoneNumberProvisioned ? 1m : 0m,
            new Dictionary<string, Func<UsageEvent, string?>>
            {
                [Dimensions.PhoneNumber] = e => (e.Payload as PhoneNumberEvent)?.PhoneNumberId,
            },
            StateKey: Dimensions.PhoneNumber),
    ];

    private static MeterDefinition Call(string key, MeterAggregation aggregation, string unit, Func<CallEnded, decimal?> value,
        IReadOnlyDictionary<string, Func<UsageEvent, string?>>? dimensions = null) =>
        new(key, Types(EventTypes.CallEnded), aggregation, unit, e => e.Payload is CallEnded c ? value(c) : null,
            dimensions ?? CallDimensions);

    private static MeterDefinition Counter(string key, string type, string unit) => new(key, Types(type), Count, unit, _ => 1m, None);

    private static MeterDefinition Quantity(string key, string type, string unit,
        IReadOnlyDictionary<string, Func<UsageEvent, string?>>? dimensions = null) =>
        new(key, Types(type), Sum, unit, e => (e.Payload as QuantityEvent)?.Quantity, dimensions ?? None);

    private static MeterDefinition Level(string key, string type, string unit) =>
        new(key, Types(type), Latest, unit, e => e.Payload is LevelEvent l ? (decimal)l.Level : null, None);

    private static HashSet<string> Types(params string[] types) => new(types, StringComparer.Ordinal);
}
