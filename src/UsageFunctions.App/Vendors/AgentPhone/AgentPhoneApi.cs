using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.AgentPhone;

/// <summary>
/// AgentPhone's usage API under <c>/agentphone</c>: <c>GET /v1/usage</c> here, the series and breakdowns beside it.
/// "Last 24h/7d/30d" are whole UTC clock hours: the current hour so far and the 23 (167, 719) before it, so each begins
/// on an hour that the day's aggregate row holds. Totals cover everything retained: the current UTC month and the 24
/// before it (the aggregates' 25 months), so they start on a month boundary. Neither needs raw events of its own.
/// </summary>
public static class AgentPhoneApi
{
    public const string Root = "agentphone/v1/usage";
    public const int RetainedMonths = 25;


    public static async Task<IResult> GetUsageAsync(
        HttpRequest request, VendorAccess access, IUsageQuery usage, AccountProfiles accounts, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.Bearer(request), cancellationToken);
        if (!caller.IsValid) return AgentPhoneErrors.Unauthorized();
        var account = caller.Account!;
        var plan = caller.Plan!;
        var now = clock.GetUtcNow();
        var current = caller.PeriodAt(now);
        var resources = accounts.ResourcesAsync(account.Id, cancellationToken);
        var retainedSince = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1 - RetainedMonths);
        var nextHour = UtcDecomposition.Floor(now, BucketGrain.Hour).AddHours(1);
        TotalQuery Total(string meter, TimeSpan? window) => new(meter, window is { } w ? nextHour - w : retainedSince, now);
        var read = await usage.ReadAsync(account.Id, UsageReadBatch.Of(
            Total(MeterKeys.Messages, null), Total(MeterKeys.Messages, TimeSpan.FromHours(24)),
            Total(MeterKeys.Messages, TimeSpan.FromDays(7)), Total(MeterKeys.Messages, TimeSpan.FromDays(30)),
            Total(MeterKeys.Calls, null), Total(MeterKeys.Calls, TimeSpan.FromHours(24)),
            Total(MeterKeys.Calls, TimeSpan.FromDays(7)), Total(MeterKeys.Calls, TimeSpan.FromDays(30)),
            Total(MeterKeys.WebhookDeliveriesSucceeded, null), Total(MeterKeys.WebhookDeliveriesFailed, null)), cancellationToken);
        var stats = read.Totals.Select(t => (long)Math.Round(t.Total)).ToArray();
        var used = (await resources).PhoneNumbers.Count(n => n.Status == "active");
        return TypedResults.Ok(new UsageResponse(
            new PlanInfo(account.Plan, new PlanLimits(plan.PhoneNumbers, plan.MessagesPerMonth, plan.VoiceMinutesPerMonth,
                plan.MaxCallDurationMinutes, plan.ConcurrentCalls)),
            new NumbersInfo(used, plan.PhoneNumbers, Math.Max(0, plan.PhoneNumbers - used)),
            new UsageStats(stats[0], stats[1], stats[2], stats[3], stats[4], stats[5], stats[6], stats[7],
                stats[8] + stats[9], stats[8], stats[9]),
            VendorFormats.UtcSecond(current.Start), VendorFormats.InclusiveEnd(current.End)));
    }
}
