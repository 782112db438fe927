using Azure;
using Azure.Data.Tables;

namespace UsageFunctions.Storage.Alerts;

/// <summary>
/// Table <c>AlertOutbox</c>, PartitionKey: the account; RowKey <c>fired~{rule}~{window start, UTC yyyyMMddHHmm}</c>. Its
/// insert is what makes a crossing fire once: it is written in one transaction with the crossing's deliveries, and a
/// second insert of the same (rule, window) fails as a conflict.
/// </summary>
public sealed class AlertFiredEntity : ITableEntity
{
    public const string Prefix = "fired";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MessageId { get; set; } = "";
    public string Figure { get; set; } = "";
    public DateTimeOffset FiredAt { get; set; }
}

/// <summary>
/// Table <c>AlertOutbox</c>, PartitionKey: the account; RowKey <c>delivery~{endpoint}~{message}</c>: one message to one
/// endpoint, stored before any attempt, with its delivery log. <see cref="Hint"/> names the <c>AlertDue</c> partition of
/// the one due marker that is current; any other marker for it is stale.
/// </summary>
public sealed class AlertDeliveryEntity : ITableEntity
{
    public const string Prefix = "delivery";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EndpointId { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string Type { get; set; } = "";
    public string Body { get; set; } = "";
    public string Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public int FailuresInSchedule { get; set; }
    public DateTimeOffset ScheduleStart { get; set; }
    public DateTimeOffset? NextAttempt { get; set; }
    public DateTimeOffset? LastAttempt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string Hint { get; set; } = "";
}

/// <summary>
/// Table <c>AlertDue</c>, PartitionKey <c>{yyyyMMddHHmm}~{shard}</c> (the UTC minute a delivery is due, and a hash of the
/// account mod 4 so one minute of many accounts spreads over partitions), RowKey <c>{account}~{endpoint}~{message}</c>.
/// The delivery timer reads every partition up to the current minute; a marker is deleted once its delivery has moved
/// on, so the table holds only what is pending.
/// </summary>
public sealed class AlertDueEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
    public string DeliveryRow { get; set; } = "";
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
