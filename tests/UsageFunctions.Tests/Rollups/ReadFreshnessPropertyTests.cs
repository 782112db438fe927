using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Rollups;

/// <summary>
/// Reads never depend on the roll-up having run: with the roll-up fired at random points (or never), every total,
/// series and current period equals a recount at every checkpoint, before any roll-up catches up.
/// </summary>
public sealed class ReadFreshnessPropertyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20261203, 0.0)]
    [InlineData(20261204, 0.3)]
    [InlineData(20261205, 0.8)]
    public async Task EveryReadEqualsARecountWhereverTheRollupHappensToBe(int seed, double rollupChance)
    {
        using var app = new UsageAppFactory();
        var random = new Random(seed);
        var world = new RollupWorld(app, random);
        await world.CreateAccountsAsync();
        var query = app.Services.GetRequiredService<IUsageQuery>();
        var compared = 0;
        for (var checkpoint = 0; checkpoint < 3; checkpoint++)
        {
            for (var step = 0; step < 4; step++) await world.StepAsync(maxHours: 30, maxEvents: 20, rollupChance);
            // Events sent in this very minute, after whatever roll-up ran: only raw events know them yet.
            foreach (var account in world.Accounts) await world.SendAsync(account, [world.RecentEvent()]);
            foreach (var account in world.Accounts)
            {
                var windows = RecentWindows(world.Now, random);
                compared += await RollupAssertions.TotalsMatchAsync(query, account, windows, random);
                compared += await RollupAssertions.CurrentPeriodMatchesAsync(query, account, world.Now);
                compared += await RollupAssertions.SeriesMatchAsync(query, account, SeriesGrain.Hour, TimeZoneInfo.Utc,
                    UtcHour(world.Now.AddHours(-30)), UtcHour(world.Now).AddHours(1));
                compared += await RollupAssertions.SeriesMatchAsync(query, account, SeriesGrain.Day, account.TimeZone,
                    LocalMidnight(world.Now.AddDays(-40), account.TimeZone), LocalMidnight(world.Now.AddDays(2), account.TimeZone));
            }
        }
        output.WriteLine($"Seed {seed}, roll-up chance {rollupChance}: {world.Accounts.Sum(a => a.Events.Count)} distinct events, {compared} figures compared.");
    }

    /// <summary>Windows ending now or later (the rolling windows), arbitrary ones over the last weeks, and one across months.</summary>
    private static List<(DateTimeOffset, DateTimeOffset)> RecentWindows(DateTimeOffset now, Random random)
    {
        var windows = new List<(DateTimeOffset, DateTimeOffset)>
        {
            (now.AddHours(-24), now), (now.AddDays(-7), now.AddMinutes(1)), (now.AddDays(-30), now.AddHours(1)),
            (UtcHour(now).AddDays(-45), UtcHour(now).AddHours(1)),
        };
        var from = now.AddSeconds(-random.Next(60, 35 * 24 * 3600));
        windows.Add((from, from.AddSeconds(random.Next(60, 10 * 24 * 3600))));
        return windows;
    }

    private static DateTimeOffset UtcHour(DateTimeOffset instant) => new(instant.Year, instant.Month, instant.Day, instant.Hour, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset LocalMidnight(DateTimeOffset instant, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(TimeZoneInfo.ConvertTime(instant, zone).Date, zone), TimeSpan.Zero);
}
