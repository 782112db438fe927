using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups.Oracle;

namespace UsageFunctions.Tests.Rollups;

/// <summary>One account of a generated world: how it was set up and every distinct event it was sent.</summary>
public sealed class WorldAccount(TestAccount account, string zone, int anchorDay, DateTimeOffset createdAt)
{
    public TestAccount Account { get; } = account;
    public string Zone { get; } = zone;
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(zone);
    public int AnchorDay { get; } = anchorDay;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public Dictionary<string, GeneratedEvent> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>Events sent and then voided: they count nowhere, and their ids stay taken.</summary>
    public Dictionary<string, GeneratedEvent> Voided { get; } = new(StringComparer.Ordinal);

    public UsageOracle Oracle => new(Events.Values);

    /// <summary>Closed periods the product must have archived: from the account's first period on, and earlier ones with events.</summary>
    public List<(DateTimeOffset Start, DateTimeOffset End)> ExpectedClosedPeriods(DateTimeOffset now)
    {
        var sent = Events.Values.Concat(Voided.Values).ToList();
        var first = sent.Select(e => e.OccurredAt).Append(CreatedAt).Min();
        var periods = OraclePeriods.Between(AnchorDay, Zone, first, now);
        var created = periods.Single(p => p.Start <= CreatedAt && CreatedAt < p.End);
        return [.. periods.Where(p => p.End <= now
            && (p.Start >= created.Start || sent.Any(e => e.OccurredAt >= p.Start && e.OccurredAt < p.End)))];
    }
}
