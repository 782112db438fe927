using UsageFunctions.Domain.Meters;

namespace UsageFunctions.App.Vendors.Billing;

/// <summary>
/// One metric of the billing API: its id (the plan allowance key), display name and unit, the meter it reads and how
/// a meter total becomes the unit the client sees. Flow metrics grow through a period and are projected linearly;
/// level metrics (storage, seats) are a current level and projected as they are.
/// </summary>
public sealed record BillingMetric(string Id, string Name, string Unit, string Meter, bool IsLevel, decimal MeterUnitsPerUnit)
{
    /// <summary>Bandwidth is reported in decimal gigabytes: 1 GB = 10^9 bytes.</summary>
    public const decimal BytesPerGigabyte = 1_000_000_000m;

    public static IReadOnlyList<BillingMetric> All { get; } =
    [
        new("apiCalls", "API Calls", "requests", MeterKeys.ApiRequests, IsLevel: false, 1m),
        new("storage", "Storage", "GB", MeterKeys.StorageGigabytes, IsLevel: true, 1m),
        new("seats", "Team Seats", "users", MeterKeys.Seats, IsLevel: true, 1m),
        new("bandwidth", "Bandwidth", "GB", MeterKeys.BandwidthBytes, IsLevel: false, BytesPerGigabyte),
        new("emails", "Emails", "emails", MeterKeys.Emails, IsLevel: false, 1m),
        new("webhooks", "Webhooks", "events", MeterKeys.WebhookEvents, IsLevel: false, 1m),
    ];

    /// <summary>Finds a metric by id in camelCase (<c>apiCalls</c>) or snake_case (<c>api_calls</c>), ignoring case.</summary>
    public static BillingMetric? Find(string name)
    {
        var key = name.Replace("_", "", StringComparison.Ordinal);
        return All.FirstOrDefault(m => string.Equals(m.Id, key, StringComparison.OrdinalIgnoreCase));
    }
}
