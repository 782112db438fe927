using UsageFunctions.App.Vendors.Billing;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.App.Entitlements;

/// <summary>
/// A plan's limit per billing period for a meter, in the meter's own unit: voice minutes, messages and phone numbers from
/// the plan's vendor limits, the billing metrics from their included allowance. Null: the plan sets no limit.
/// </summary>
public static class EntitlementLimits
{
    public static decimal? Of(Plan plan, string meter)
    {
        switch (meter)
        {
            case MeterKeys.CallMinutes: return plan.VoiceMinutesPerMonth;
            case MeterKeys.Messages: return plan.MessagesPerMonth;
            case MeterKeys.PhoneNumbersInUse: return plan.PhoneNumbers;
        }
        var metric = BillingMetric.All.FirstOrDefault(m => m.Meter == meter);
        return metric is not null && plan.Allowances.TryGetValue(metric.Id, out var allowance)
            ? allowance.Included * metric.MeterUnitsPerUnit
            : null;
    }
}
