using System.Globalization;
using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.AgentPhone;

/// <summary>
/// <c>/daily?days=1..365</c> (default 30) and <c>/monthly?months=1..24</c> (default 6): calendar days or months in the
/// account's time zone, the current one included, zero-filled, oldest first. <c>webhooks</c> counts deliveries.
/// </summary>
public static class AgentPhoneSeries
{
    public static async Task<IResult> GetDailyAsync(
        HttpRequest request, VendorAccess access, IUsageQuery usage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.Bearer(request), cancellationToken);
        if (!caller.IsValid) return AgentPhoneErrors.Unauthorized();
        if (ReadCount(request, "days", 30, 365) is not { } days) return AgentPhoneErrors.Validation("days", "days must be an integer from 1 to 365.");
        var zone = caller.Zone;
        var today = LocalCalendar.LocalDate(clock.GetUtcNow(), zone);
        var points = await ReadAsync(usage, caller.Account!.Id, SeriesGrain.Day, zone,
            LocalCalendar.Midnight(today.AddDays(1 - days), zone), LocalCalendar.Midnight(today.AddDays(1), zone), cancellationToken);
        return TypedResults.Ok(new DailyResponse(
            [.. points.Select(p => new DailyUsage(VendorFormats.Date(LocalCalendar.LocalDate(p.Start, zone)), p.Messages, p.Calls, p.Webhooks))], days));
    }

    public static async Task<IResult> GetMonthlyAsync(
        HttpRequest request, VendorAccess access, IUsageQuery usage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.Bearer(request), cancellationToken);
        if (!caller.IsValid) return AgentPhoneErrors.Unauthorized();
        if (ReadCount(request, "months", 6, 24) is not { } months) return AgentPhoneErrors.Validation("months", "months must be an integer from 1 to 24.");
        var zone = caller.Zone;
        var today = LocalCalendar.LocalDate(clock.GetUtcNow(), zone);
        var thisMonth = new DateTime(today.Year, today.Month, 1);
        var points = await ReadAsync(usage, caller.Account!.Id, SeriesGrain.Month, zone,
            LocalCalendar.Midnight(thisMonth.AddMonths(1 - months), zone), LocalCalendar.Midnight(thisMonth.AddMonths(1), zone), cancellationToken);
        return TypedResults.Ok(new MonthlyResponse(
            [.. points.Select(p => new MonthlyUsage(VendorFormats.Month(LocalCalendar.LocalDate(p.Start, zone)), p.Messages, p.Calls, p.Webhooks))], months));
    }

    /// <summary>The parameter as an integer in [1, max], its default when absent, or null when it is anything else.</summary>
    internal static int? ReadCount(HttpRequest request, string name, int fallback, int max)
    {
        var text = VendorFormats.Last(request, name);
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : null;
    }

    private static async Task<List<(DateTimeOffset Start, long Messages, long Calls, long Webhooks)>> ReadAsync(IUsageQuery usage,
        string accountId, SeriesGrain grain, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        SeriesQuery Series(string meter) => new(meter, grain, zone, from, to);
        var all = (await usage.ReadAsync(accountId, UsageReadBatch.Of(Series(MeterKeys.Messages), Series(MeterKeys.Calls),
            Series(MeterKeys.WebhookDeliveriesSucceeded), Series(MeterKeys.WebhookDeliveriesFailed)), cancellationToken)).Series;
        return [.. all[0].Select((p, i) => (p.Start, Whole(p.Value), Whole(all[1][i].Value), Whole(all[2][i].Value) + Whole(all[3][i].Value)))];
    }

    private static long Whole(double value) => (long)Math.Round(value);
}
