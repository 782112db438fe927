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

    /// <summary>The ingestion transaction that inserted the event (<see cref="BatchSummaries"/>): its events are found by it.</summary>
    public int? SumBatch { get; set; }

    /// <summary>On the first event of each ingestion transaction: the transaction's figures (<see cref="BatchSummaries"/>).</summary>
    public string? SumCatalog { get; set; }
    public int? SumEvents { get; set; }
    public long? SumLatest { get; set; }
    public string? SumC0 { get; set; }
    public string? SumC1 { get; set; }
    public string? SumC2 { get; set; }
    public string? SumC3 { get; set; }
}
