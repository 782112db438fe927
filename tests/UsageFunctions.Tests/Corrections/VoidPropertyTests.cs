using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Corrections;

public sealed class VoidPropertyTests(ITestOutputHelper output)
{
    /// <summary>
    /// A randomized history where fresh, late and month-old events are voided (some twice, some then redelivered) between
    /// roll-ups: every aggregate row, read, series and billing period equals a recount of the events not voided.
    /// </summary>
    [Theory]
    [InlineData(20261203)]
    public async Task EveryFigureEqualsARecountOfTheEventsNotVoided(int seed)
    {
        using var app = new UsageAppFactory();
        var random = new Random(seed);
        var world = new RollupWorld(app, random);
        await world.CreateAccountsAsync();
        var end = app.Clock.GetUtcNow().AddDays(45);
        while (world.Now < end) await world.StepAsync(maxHours: 96, maxEvents: 30, voidRate: 0.5);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.FireAsync("RollupTimer");
        await world.FireAsync("PeriodTimer");

        var query = app.Services.GetRequiredService<IUsageQuery>();
        var compared = 0;
        foreach (var account in world.Accounts)
        {
            compared += await RollupAssertions.RowsMatchAsync(app, account);
            compared += await RollupAssertions.PeriodsMatchAsync(query, account, world.Now);
            var windows = new List<(DateTimeOffset, DateTimeOffset)> { (account.CreatedAt.AddDays(-40), world.Now.AddHours(1)) };
            for (var i = 0; i < 3; i++)
            {
                var from = account.CreatedAt.AddSeconds(random.Next(0, 60 * 24 * 3600));
                windows.Add((from, from.AddSeconds(random.Next(60, 20 * 24 * 3600))));
            }
            compared += await RollupAssertions.TotalsMatchAsync(query, account, windows, random);
            compared += await RollupAssertions.SeriesMatchAsync(query, account, SeriesGrain.Day, account.TimeZone,
                account.CreatedAt.AddDays(-35), world.Now);
        }
        output.WriteLine($"Seed {seed}: {world.Accounts.Sum(a => a.Events.Count)} counted, {world.Accounts.Sum(a => a.Voided.Count)} voided, {compared} figures compared.");
        Assert.True(world.Accounts.All(a => a.Voided.Count > 10));
    }
}
