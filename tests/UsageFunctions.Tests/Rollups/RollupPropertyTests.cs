using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Rollups;

public sealed class RollupPropertyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20261120)]
    public async Task EveryAggregateReadAndPeriodEqualsARecountOfTheDistinctEvents(int seed)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var app = new UsageAppFactory();
        var random = new Random(seed);
        var world = new RollupWorld(app, random);
        await world.CreateAccountsAsync();
        var end = new DateTimeOffset(2027, 3, 20, 0, 0, 0, TimeSpan.Zero);
        var steps = 0;
        while (world.Now < end)
        {
            await world.StepAsync(maxHours: 120, maxEvents: 40);
            steps++;
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.FireAsync("RollupTimer");
        await world.FireAsync("PeriodTimer");

        var query = app.Services.GetRequiredService<IUsageQuery>();
        var compared = 0;
        output.WriteLine($"History built in {watch.Elapsed}");
        foreach (var account in world.Accounts)
        {
            compared += await RollupAssertions.RowsMatchAsync(app, account);
            compared += await RollupAssertions.PeriodsMatchAsync(query, account, world.Now);
            compared += await RollupAssertions.TotalsMatchAsync(query, account, Windows(account, world.Now, random), random);
            var zone = account.TimeZone;
            var localStart = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 10, 20), zone), TimeSpan.Zero);
            var localEnd = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 3, 19), zone), TimeSpan.Zero);
            compared += await RollupAssertions.SeriesMatchAsync(query, account, SeriesGrain.Day, zone, localStart, localEnd);
            compared += await RollupAssertions.SeriesMatchAsync(query, account, SeriesGrain.Month, zone,
                new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 10, 1), zone), TimeSpan.Zero),
                new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 4, 1), zone), TimeSpan.Zero));
            compared += await RollupAssertions.SeriesMatchAsync(query, account, SeriesGrain.Hour, TimeZoneInfo.Utc,
                new DateTimeOffset(2027, 3, 13, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 16, 0, 0, 0, TimeSpan.Zero));
        }
        output.WriteLine($"Compared in {watch.Elapsed}");
        output.WriteLine($"Seed {seed}: {steps} steps, {world.Accounts.Sum(a => a.Events.Count)} distinct events, {compared} figures compared.");
        Assert.True(world.Accounts.All(a => a.Events.Count > 100));
    }

    /// <summary>UTC-aligned, arbitrary-instant and local calendar windows, including the New York DST days.</summary>
    private static List<(DateTimeOffset, DateTimeOffset)> Windows(WorldAccount account, DateTimeOffset now, Random random)
    {
        var zone = account.TimeZone;
        DateTimeOffset Local(int y, int m, int d) => new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d), zone), TimeSpan.Zero);
        var windows = new List<(DateTimeOffset, DateTimeOffset)>
        {
            (new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), now.AddHours(1)),
            (Local(2026, 11, 1), Local(2026, 11, 2)),
            (Local(2027, 3, 14), Local(2027, 3, 15)),
        };
        for (var i = 0; i < 1; i++)
        {
            var from = new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 150 * 24 * 3600));
            windows.Add((from, from.AddSeconds(random.Next(60, 40 * 24 * 3600))));
        }
        return windows;
    }
}
