using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.AgentPhone;

/// <summary>
/// <c>/by-number</c>: every registered number with its messages and calls in the current billing period.
/// <c>/by-agent?period=week|month|year&amp;tz=</c>: the current calendar week (Monday first), month or year in the zone
/// (default the account's); completed calls only, <c>totalSeconds</c> their duration rounded to whole seconds; usage
/// with no agent, or an agent that is not registered, goes to the one "Unassigned" orphan bucket.
/// </summary>
public static class AgentPhoneBreakdowns
{
    public static async Task<IResult> GetByNumberAsync(HttpRequest request, VendorAccess access, IUsageQuery usage,
        AccountProfiles accounts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.Bearer(request), cancellationToken);
        if (!caller.IsValid) return AgentPhoneErrors.Unauthorized();
        var id = caller.Account!.Id;
        var resourcesRead = accounts.ResourcesAsync(id, cancellationToken);
        var period = caller.PeriodAt(clock.GetUtcNow());
        var read = await usage.ReadAsync(id, UsageReadBatch.Of(
            new TotalQuery(MeterKeys.Messages, period.Start, period.End, Dimensions.PhoneNumber),
            new TotalQuery(MeterKeys.Calls, period.Start, period.End, Dimensions.PhoneNumber)), cancellationToken);
        var (messages, calls) = (read.Totals[0], read.Totals[1]);
        var resources = await resourcesRead;
        var agents = resources.Agents.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        return TypedResults.Ok(new ByNumberResponse([.. resources.PhoneNumbers.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n =>
            new NumberUsage(n.Id, n.Number, n.Country, n.Status, Whole(messages, n.Id), Whole(calls, n.Id), n.AgentId,
                n.AgentId is null ? null : agents.GetValueOrDefault(n.AgentId)))]));
    }

    public static async Task<IResult> GetByAgentAsync(HttpRequest request, VendorAccess access, IUsageQuery usage,
        AccountProfiles accounts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = await access.ResolveAsync(PresentedCredentials.Bearer(request), cancellationToken);
        if (!caller.IsValid) return AgentPhoneErrors.Unauthorized();
        var periodName = VendorFormats.Last(request, "period");
        if (periodName is not ("week" or "month" or "year")) return AgentPhoneErrors.Validation("period", "period is required: week, month or year.");
        var zoneName = VendorFormats.Last(request, "tz");
        TimeZoneInfo? zone = caller.Zone;
        if (zoneName is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out zone))
            return AgentPhoneErrors.Validation("tz", "tz must be an IANA time zone such as America/New_York.");
        var (start, end) = CalendarPeriod.Current(periodName, clock.GetUtcNow(), zone!);
        var id = caller.Account!.Id;
        var resourcesRead = accounts.ResourcesAsync(id, cancellationToken);
        TotalQuery ByAgent(string meter) => new(meter, start, end, Dimensions.Agent);
        var totals = (await usage.ReadAsync(id, UsageReadBatch.Of(
            ByAgent(MeterKeys.Messages), ByAgent(MeterKeys.CompletedCalls), ByAgent(MeterKeys.CompletedCallSeconds)), cancellationToken)).Totals;
        var resources = await resourcesRead;
        var registered = resources.Agents.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var rows = resources.Agents.OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AgentUsage(a.Id, a.Name, Whole(totals[0], a.Id), Whole(totals[1], a.Id), Whole(totals[2], a.Id), false))
            .ToList();
        var orphan = new AgentUsage(null, "Unassigned", Orphaned(totals[0], registered), Orphaned(totals[1], registered),
            Orphaned(totals[2], registered), true);
        if (orphan.Messages + orphan.Calls + orphan.TotalSeconds > 0) rows.Add(orphan);
        return TypedResults.Ok(new ByAgentResponse(rows, periodName, VendorFormats.UtcSecond(start), VendorFormats.InclusiveEnd(end)));
    }

    private static long Whole(UsageTotals totals, string key) =>
        (long)Math.Round(totals.ByDimension.GetValueOrDefault(key), MidpointRounding.AwayFromZero);

    private static long Orphaned(UsageTotals totals, HashSet<string> registered) =>
        (long)Math.Round(totals.ByDimension.Where(t => !registered.Contains(t.Key)).Sum(t => t.Value), MidpointRounding.AwayFromZero);
}
