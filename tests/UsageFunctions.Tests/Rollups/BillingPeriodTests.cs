using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Periods;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups.Oracle;

namespace UsageFunctions.Tests.Rollups;

public sealed class BillingPeriodTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void AnchorDay31StartsOnTheLastDayOfFebruaryAtLocalMidnight()
    {
        var period = BillingPeriod.Containing(new DateTimeOffset(2027, 3, 10, 0, 0, 0, TimeSpan.Zero), 31, NewYork);
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 5, 0, 0, TimeSpan.Zero), period.Start);
        // March 31 is after the DST change: local midnight is 04:00 UTC.
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 4, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void PeriodStartsAtLocalMidnightInAHalfHourZone()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var period = BillingPeriod.Containing(new DateTimeOffset(2026, 11, 30, 18, 29, 0, TimeSpan.Zero), 1, kolkata);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 18, 30, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 18, 30, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public async Task PeriodResetsAtAMonthBoundaryInNewYorkAndALateEventCorrectsTheClosedPeriod()
    {
        using var app = new UsageAppFactory();
        var world = new RollupWorld(app, new Random(5));
        var account = new WorldAccount(await TestAccount.CreateAsync(app, "pro", "America/New_York", 1), "America/New_York", 1, world.Now);
        world.Accounts.Add(account);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero)); // 23:00 on Nov 30 in New York
        var call = (DateTimeOffset at, string id) => new GeneratedEvent(id, "usage.call.ended", at, "a", null, null, null, "hangup", "BILLED", 10, 10);
        await world.SendAsync(account, [call(world.Now.AddMinutes(-30), "before")]);
        await world.FireAsync("RollupTimer");
        var query = app.Services.GetRequiredService<IUsageQuery>();
        Assert.Equal(1, (await query.CurrentPeriodAsync(account.Account.Id, CancellationToken.None)).Meters["calls"]);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 5, 30, 0, TimeSpan.Zero)); // 00:30 on Dec 1 in New York
        await world.FireAsync("PeriodTimer");
        var current = await query.CurrentPeriodAsync(account.Account.Id, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), current.Start);
        Assert.Equal(0, current.Meters["calls"]);

        // A late call from 23:50 New York time on Nov 30 belongs to the closed period.
        await world.SendAsync(account, [call(new DateTimeOffset(2026, 12, 1, 4, 50, 0, TimeSpan.Zero), "late")]);
        await world.FireAsync("RollupTimer");
        var closed = await query.ClosedPeriodsAsync(account.Account.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.Equal(2, closed[^1].Meters["calls"]);
        Assert.Equal(0, (await query.CurrentPeriodAsync(account.Account.Id, CancellationToken.None)).Meters["calls"]);
        await RollupAssertions.PeriodsMatchAsync(query, account, world.Now);
    }
}
