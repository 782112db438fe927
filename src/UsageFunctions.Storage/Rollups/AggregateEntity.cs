using Azure;
using Azure.Data.Tables;

namespace UsageFunctions.Storage.Rollups;

/// <summary>One figure of one UTC hour, day or month. See <see cref="AggregateKeys"/> for the keys.</summary>
public sealed class AggregateEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Meter { get; set; } = "";
    public string Dimension { get; set; } = "";
    public string DimensionValue { get; set; } = "";

    /// <summary>The bucket key: <c>yyyyMMddHH</c>, <c>yyyyMMdd</c> or <c>yyyyMM</c> (UTC).</summary>
    public string Bucket { get; set; } = "";

    /// <summary>The exact decimal figure, invariant culture: doubles would make sums depend on the order of addition.</summary>
    public string Value { get; set; } = "0";

    /// <summary>For latest and state meters: the counting instant and identity hash of the event the value came from.</summary>
    public DateTimeOffset? At { get; set; }

    public string? Hash { get; set; }

    /// <summary>Day rows: the cells of the day's hours for the same key (<see cref="RowParts"/>); null on hour and month rows.</summary>
    public string? Parts { get; set; }
}
