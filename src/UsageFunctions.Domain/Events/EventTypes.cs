namespace UsageFunctions.Domain.Events;

/// <summary>The CloudEvents <c>type</c> values the product ingests.</summary>
public static class EventTypes
{
    public const string CallEnded = "usage.call.ended";
    public const string MessageSent = "usage.message.sent";
    public const string MessageReceived = "usage.message.received";
    public const string WebhookDeliverySucceeded = "usage.webhook.delivery.succeeded";
    public const string WebhookDeliveryFailed = "usage.webhook.delivery.failed";
    public const string ApiRequest = "usage.api.request";
    public const string BandwidthUsed = "usage.bandwidth.used";
    public const string EmailSent = "usage.email.sent";
    public const string WebhookEventProcessed = "usage.webhook.event.processed";
    public const string StorageLevel = "usage.storage.level";
    public const string SeatLevel = "usage.seats.level";
    public const string PhoneNumberProvisioned = "usage.phone_number.provisioned";
    public const string PhoneNumberReleased = "usage.phone_number.released";

    public static readonly IReadOnlyList<string> All =
    [
        CallEnded, MessageSent, MessageReceived, WebhookDeliverySucceeded, WebhookDeliveryFailed,
        ApiRequest, BandwidthUsed, EmailSent, WebhookEventProcessed, StorageLevel, SeatLevel,
        PhoneNumberProvisioned, PhoneNumberReleased,
    ];
}
