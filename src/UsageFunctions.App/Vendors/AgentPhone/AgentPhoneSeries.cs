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
    public static Task<IResult> GetDailyAsync(
        HttpRequest request, VendorAccess access, IUsageQuery usage, TimeProvider clock, CancellationToken cancellationToken) =>
        AnswerAsync(request, access, usage, clock, new("days", 30, 365), SeriesGrain.Day,
            (today, days) => (today.AddDays(1 - days), today.AddDays(1)),
            (points, zone, days) => new DailyResponse(
                [.. points.Select(p => new DailyUsage(VendorFormats.Date(LocalCalendar.LocalDate(p.Start, zone)), p.Messages, p.Calls, p.Webhooks))], days),
            cancellationToken);

    public static Task<IResult> GetMonthlyAsync(
        HttpRequest request, VendorAccess access, IUsageQuery usage, TimeProvider clock, CancellationToken cancellationToken) =>
        AnswerAsync(request, access, usage, clock, new("months", 6, 24), SeriesGrain.Month,
            (today, months) => (new DateTime(today.Year, today.Month, 1).AddMonths(1 - months), new DateTime(today.Year, today.Month, 1).AddMonths(1)),
            (points, zone, months) => new MonthlyResponse(
                [.. points.Select(p => new MonthlyUsage(VendorFormats.Month(LocalCalendar.LocalDate(p.Start, zone)), p.Messages, p.Calls, p.Webhooks))], months),
            cancellationToken);

    /// <summary>A count parameter (1..max) with its default.</summary>
    private sealed record CountParameter(string Name, int Default, int Max);

    /// <summary>
    /// Authenticates, reads the count, and answers the local calendar buckets <paramref name="localRange"/> gives for
    /// today and that count (local midnights in the account's zone).
    /// </summary>
    private static async Task<IResult> AnswerAsync<TResponse>(HttpRequest request, VendorAccess access, IUsageQuery usage,
        TimeProvider clock, CountParameter parameter, SeriesGrain grain, Func<DateTime, int, (DateTime From, DateTime To)> localRange,
        Func<List<(DateTimeOffset Start, long Messages, long Calls, long Webhooks)>, TimeZoneInfo, int, TResponse> respond,
        CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.Bearer(request), cancellationToken);
        if (!caller.IsValid) return AgentPhoneErrors.Unauthorized();
        if (ReadCount(request, parameter.Name, parameter.Default, parameter.Max) is not { } count)
            return AgentPhoneErrors.Validation(parameter.Name, $"{parameter.Name} must be an integer from 1 to {parameter.Max}.");
        var zone = caller.Zone;
        var (from, to) = localRange(LocalCalendar.LocalDate(clock.GetUtcNow(), zone), count);
        var points = await ReadAsync(usage, caller.Account!.Id, grain, zone, LocalCalendar.Midnight(from, zone), LocalCalendar.Midnight(to, zone),
            cancellationToken);
        return TypedResults.Ok(respond(points, zone, count));
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
