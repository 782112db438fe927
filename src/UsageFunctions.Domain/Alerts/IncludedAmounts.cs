using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Plans;

namespace UsageFunctions.Domain.Alerts;

/// <summary>How much of a meter a plan includes per period, in the meter's own unit; null when the plan says nothing of it.</summary>
public static class IncludedAmounts
{
    private const decimal BytesPerGigabyte = 1_000_000_000m;

    public static decimal? For(Plan plan, string meter) => meter switch
    {
        MeterKeys.CallMinutes => plan.VoiceMinutesPerMonth,
        MeterKeys.CallSeconds => plan.VoiceMinutesPerMonth * 60m,
        MeterKeys.Messages => plan.MessagesPerMonth,
        MeterKeys.PhoneNumbersInUse => plan.PhoneNumbers,
        MeterKeys.ApiRequests => Allowance(plan, "apiCalls"),
        MeterKeys.StorageGigabytes => Allowance(plan, "storage"),
        MeterKeys.Seats => Allowance(plan, "seats"),
        MeterKeys.BandwidthBytes => Allowance(plan, "bandwidth") * BytesPerGigabyte,
        MeterKeys.Emails => Allowance(plan, "emails"),
        MeterKeys.WebhookEvents => Allowance(plan, "webhooks"),
        _ => null,
    };

    private static decimal? Allowance(Plan plan, string id) => plan.Allowances.TryGetValue(id, out var a) ? a.Included : null;
}
