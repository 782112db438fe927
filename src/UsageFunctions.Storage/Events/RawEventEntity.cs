using Azure;
using Azure.Data.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>One raw usage event as stored. See <see cref="RawEventKeys"/> for its keys.</summary>
public sealed class RawEventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
    public string Source { get; set; } = "";
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? Subject { get; set; }
    public string Data { get; set; } = "{}";
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Set when the event was voided: it is kept, but counts nowhere.</summary>
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidedBy { get; set; }
    public string? VoidReason { get; set; }
}
