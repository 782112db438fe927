using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using UsageFunctions.Tests.Rollups.Oracle;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Entitlements;

/// <summary>
/// Entitlement figures on randomized histories (late events, redeliveries, voids of fresh, late and old events, the
/// roll-up fired at random points, and sometimes left half done: hours rewritten with or without the counters, the
/// watermark unmoved): every meter's figure equals a recount of the period's events not voided.
/// </summary>
public sealed class EntitlementPropertyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20261206, 0.5)]
    [InlineData(20261207, 0.9)]
    public async Task UsedEqualsARecountWhereverTheRollupStopped(int seed, double rollupChance)
    {
        using var app = new UsageAppFactory();
        var random = new Random(seed);
        var world = new RollupWorld(app, random);
        await world.CreateAccountsAsync();
        var figures = app.Services.GetRequiredService<EntitlementFigure>();
        var meters = app.Services.GetRequiredService<MeterCatalog>();
        var halfway = new HalfwayRollup(app);
        var sources = new Dictionary<EntitlementSource, int>();
        for (var checkpoint = 0; checkpoint < 10; checkpoint++)
        {
            await world.StepAsync(maxHours: 20, maxEvents: 12, rollupChance, voidRate: 0.25);
            foreach (var account in world.Accounts) await world.SendAsync(account, [world.RecentEvent(), world.RecentEvent()]);
            var stop = random.Next(4);
            if (stop == 1) await world.FireAsync("RollupTimer");
            if (stop >= 2) await halfway.RunAsync(withCounters: stop == 3);
            foreach (var account in world.Accounts)
            {
                foreach (var key in OracleMeters.Keys.Where(k => OracleMeters.Kind(k) == OracleKind.Additive))
                {
                    var figure = await figures.ReadAsync(account.Account.Id, meters.Find(key)!, CancellationToken.None);
                    var expected = account.Oracle.Period(figure.Start, figure.End)[key];
                    Assert.True(expected == figure.Used,
                        $"{account.Zone} {key} at {world.Now:O} (stop {stop}, {figure.Source}): expected {expected}, got {figure.Used}");
                    sources[figure.Source] = sources.GetValueOrDefault(figure.Source) + 1;
                }
            }
        }
        output.WriteLine($"Seed {seed}: {string.Join(", ", sources.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.True(sources.GetValueOrDefault(EntitlementSource.CountersAndPendingHours) > 0, "The pending-hour path never ran.");
        Assert.True(sources.GetValueOrDefault(EntitlementSource.Recomputed) > 0, "No check fell back.");
    }
}
