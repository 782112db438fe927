using Azure;
using Azure.Data.Tables;

namespace UsageFunctions.Storage.Rollups;

/// <summary>The roll-up's single state row: who holds the lease until when, and how far arrival minutes are processed.</summary>
public sealed class RollupStateEntity : ITableEntity
{
    public const string Key = "rollup";

    public string PartitionKey { get; set; } = Key;
    public string RowKey { get; set; } = Key;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Owner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Every arrival minute before this one has been rolled up.</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Events received before this instant are in the aggregates (the start of the last completed run).</summary>
    public DateTimeOffset? AsOf { get; set; }
}
