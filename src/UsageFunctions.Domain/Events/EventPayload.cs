namespace UsageFunctions.Domain.Events;

/// <summary>The typed <c>data</c> of a usage event, one record per event family.</summary>
public abstract record EventPayload;

public sealed record CallEnded(
    string CallId,
    string? AgentId,
    string? VoiceId,
    string? PhoneNumberId,
    string? Direction,
    DateTimeOffset CreatedAt,
    DateTimeOffset? JoinedAt,
    DateTimeOffset EndedAt,
    double DurationSeconds,
    double? BilledSeconds,
    string EndReason,
    string BillingStatus,
    IReadOnlyDictionary<string, string> Metadata,
    string? Summary) : EventPayload
{
    // The call definitions of the README ("Call definitions"), written once; every meter and vendor figure reads these.
    // joinedAt is optional, so the end reason alone decides whether a client connected.
    public bool Joined => EndReason != CallEndReasons.Unjoined;

    public bool Errored => EndReason is CallEndReasons.ConnectionError or CallEndReasons.SystemError;

    public bool Completed => Joined && !Errored;

    public bool Billed => BillingStatus == CallBillingStatuses.Billed;

    /// <summary>What a BILLED call bills: its billedSeconds, else its whole duration; null for any other billing status.</summary>
    public double? SecondsBilled => Billed ? BilledSeconds ?? DurationSeconds : null;
}

/// <summary>A message sent or received on a phone number.</summary>
public sealed record MessageEvent(string? MessageId, string? PhoneNumberId, string? AgentId) : EventPayload;

/// <summary>One webhook delivery attempt to a customer endpoint.</summary>
public sealed record WebhookDelivery(string? WebhookId, int? StatusCode) : EventPayload;

/// <summary>A countable quantity: API requests, bytes of bandwidth, emails, processed webhook events.</summary>
public sealed record QuantityEvent(long Quantity, string? Detail) : EventPayload;

/// <summary>A level reported at a point in time: storage in GB, seats in use.</summary>
public sealed record LevelEvent(double Level) : EventPayload;

/// <summary>A phone number entering or leaving service.</summary>
public sealed record PhoneNumberEvent(string PhoneNumberId, string? PhoneNumber, string? Country, string? AgentId) : EventPayload;
