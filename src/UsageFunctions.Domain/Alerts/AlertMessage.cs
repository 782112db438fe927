using System.Text.Json;
using System.Text.Json.Serialization;
using UsageFunctions.Domain.Ids;

namespace UsageFunctions.Domain.Alerts;

/// <summary>
/// The CloudEvent an alert sends. Its <c>id</c> is a name-based UUID of (rule, window start), so every copy of one
/// crossing carries the same id and receivers can de-duplicate by it (it is also the <c>webhook-id</c>).
/// </summary>
public static class AlertMessage
{
    public const string TriggeredType = "usage.alert.triggered";
    public const string TestType = "usage.alert.test";
    private static readonly Guid Namespace = new("5b0c2f64-9a43-4c36-8f0e-6f3a1f7f2a15");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string IdFor(string accountId, string ruleId, DateTimeOffset windowStart) =>
        "alert_" + NameBasedUuid.V5(Namespace, $"{accountId}/{ruleId}/{windowStart.UtcTicks}").ToString("N");

    public static string Triggered(string id, string accountId, AlertRule rule, decimal threshold, decimal figure,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset asOf, DateTimeOffset firedAt) =>
        JsonSerializer.Serialize(new AlertEnvelope(id, $"/accounts/{accountId}/alerts", TriggeredType, $"rules/{rule.Id}", firedAt,
            new AlertData(accountId, rule.Id, rule.Meter, new AlertThreshold(threshold, rule.Value, rule.PercentOfIncluded), figure,
                rule.FilterDimension is null ? null : new AlertFilter(rule.FilterDimension, rule.FilterValue ?? ""),
                new AlertWindowData(AlertWindows.Name(rule.Window), windowStart, windowEnd), asOf)), Json);

    public static string Test(string id, string accountId, string endpointId, DateTimeOffset now) =>
        JsonSerializer.Serialize(new TestEnvelope(id, $"/accounts/{accountId}/alerts", TestType, $"endpoints/{endpointId}", now,
            new TestData(accountId, endpointId)), Json);
}

public sealed record AlertEnvelope(string Id, string Source, string Type, string Subject, DateTimeOffset Time, AlertData Data)
{
    public string Specversion => "1.0";
    public string Datacontenttype => "application/json";
}

public sealed record AlertData(string Account, string Rule, string Meter, AlertThreshold Threshold, decimal Figure,
    AlertFilter? Filter, AlertWindowData Window, DateTimeOffset AsOf);

public sealed record AlertThreshold(decimal Value, decimal? Absolute, decimal? PercentOfIncluded);

public sealed record AlertFilter(string Dimension, string Value);

public sealed record AlertWindowData(string Kind, DateTimeOffset Start, DateTimeOffset End);

public sealed record TestEnvelope(string Id, string Source, string Type, string Subject, DateTimeOffset Time, TestData Data)
{
    public string Specversion => "1.0";
    public string Datacontenttype => "application/json";
}

public sealed record TestData(string Account, string Endpoint);
