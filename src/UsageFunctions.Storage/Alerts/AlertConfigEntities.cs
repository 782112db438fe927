using Azure;
using Azure.Data.Tables;

namespace UsageFunctions.Storage.Alerts;

/// <summary>Table <c>Alerts</c>, PartitionKey: the account; RowKey <c>rule~{id}</c>. Thresholds are exact decimal strings.</summary>
public sealed class AlertRuleEntity : ITableEntity
{
    public const string Prefix = "rule";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Meter { get; set; } = "";
    public string? Value { get; set; }
    public string? PercentOfIncluded { get; set; }
    public string Window { get; set; } = "";
    public string? FilterDimension { get; set; }
    public string? FilterValue { get; set; }
    public string EndpointIds { get; set; } = "";
    public bool Enabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Table <c>Alerts</c>, PartitionKey: the account; RowKey <c>endpoint~{id}</c>. <see cref="Secrets"/> is a JSON array of
/// signing secrets: they must be usable for HMAC, so they are stored as issued, like the ingestion secrets.
/// </summary>
public sealed class AlertEndpointEntity : ITableEntity
{
    public const string Prefix = "endpoint";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Url { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Enabled { get; set; }
    public string Secrets { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public string? DisabledReason { get; set; }
}
