using System.Globalization;
using System.Text.Json;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Alerts;

/// <summary>Rules and endpoints to and from their rows.</summary>
public static class AlertConfigMapping
{
    public static AlertRuleEntity ToEntity(string accountId, AlertRule rule) => new()
    {
        PartitionKey = StorageKeys.Escape(accountId), RowKey = StorageKeys.Join(AlertRuleEntity.Prefix, rule.Id), Meter = rule.Meter,
        Value = Text(rule.Value), PercentOfIncluded = Text(rule.PercentOfIncluded), Window = AlertWindows.Name(rule.Window),
        FilterDimension = rule.FilterDimension, FilterValue = rule.FilterValue, EndpointIds = string.Join(',', rule.EndpointIds),
        Enabled = rule.Enabled, CreatedAt = rule.CreatedAt,
    };

    public static AlertRule ToRule(AlertRuleEntity e) => new(
        e.RowKey[(AlertRuleEntity.Prefix.Length + 1)..], e.Meter, Number(e.Value), Number(e.PercentOfIncluded),
        AlertWindows.Parse(e.Window) ?? AlertWindow.BillingPeriod, e.FilterDimension, e.FilterValue,
        e.EndpointIds.Split(',', StringSplitOptions.RemoveEmptyEntries), e.Enabled, e.CreatedAt);

    public static AlertEndpointEntity ToEntity(string accountId, AlertEndpoint endpoint) => new()
    {
        PartitionKey = StorageKeys.Escape(accountId), RowKey = StorageKeys.Join(AlertEndpointEntity.Prefix, endpoint.Id),
        Url = endpoint.Url, Description = endpoint.Description, Enabled = endpoint.Enabled,
        Secrets = JsonSerializer.Serialize(endpoint.Secrets), CreatedAt = endpoint.CreatedAt, DisabledReason = endpoint.DisabledReason,
    };

    public static AlertEndpoint ToEndpoint(AlertEndpointEntity e) => new(
        e.RowKey[(AlertEndpointEntity.Prefix.Length + 1)..], e.Url, e.Description, e.Enabled,
        JsonSerializer.Deserialize<List<WebhookSecret>>(e.Secrets) ?? [], e.CreatedAt, e.DisabledReason);

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static decimal? Number(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
}
