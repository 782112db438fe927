using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups.Oracle;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Rollups;

public sealed class RollupResilienceTests(ITestOutputHelper output) : IDisposable
{
    private readonly UsageAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RollupKilledMidwayConvergesOnTheNextRun()
    {
        var (world, account) = await HistoryAsync(seed: 11);
        var dying = new StorageRequestPolicy { FailAfterWrites = 3 };
        using (var instance = StorageRequestPolicy.Instance(_app, dying))
        {
            var run = await instance.RunTimerAsync("RollupTimer");
            // The run fails as the invocation it is, and the host reports the worker's storage failure.
            Assert.Equal(HttpStatusCode.InternalServerError, run.StatusCode);
            Assert.Contains("Injected failure", await run.Content.ReadAsStringAsync());
        }
        // Some rows were written, the rest not: the aggregates are incomplete until the next run.
        await Assert.ThrowsAnyAsync<Exception>(() => RollupAssertions.RowsMatchAsync(_app, account));

        _app.Clock.Advance(TimeSpan.FromMinutes(3)); // the dead instance's lease expires
        await world.FireAsync("RollupTimer");
        await RollupAssertions.RowsMatchAsync(_app, account);
        await RollupAssertions.PeriodsMatchAsync(Query, account, world.Now);
    }

    [Fact]
    public async Task ConcurrentRollupsConvergeToTheSameFigures()
    {
        var (world, account) = await HistoryAsync(seed: 12);
        using var other = StorageRequestPolicy.Instance(_app, new StorageRequestPolicy());
        var runs = await Task.WhenAll(_app.RunTimerAsync("RollupTimer"), other.RunTimerAsync("RollupTimer"),
            _app.RunTimerAsync("RollupTimer"));
        Assert.All(runs, r => Assert.True(r.IsSuccessStatusCode));
        await RollupAssertions.RowsMatchAsync(_app, account);
        await RollupAssertions.PeriodsMatchAsync(Query, account, world.Now);
        var totals = await Query.TotalAsync(account.Account.Id, "calls", world.Now.AddDays(-40), world.Now.AddHours(1), null, CancellationToken.None);
        Assert.Equal((double)account.Oracle.Total("calls", world.Now.AddDays(-40), world.Now.AddHours(1)).Total, totals.Total);
    }

    [Fact]
    public async Task RollupOfOneBusyHourCostsAFewDozenStorageRequests()
    {
        var account = new WorldAccount(await TestAccount.CreateAsync(_app), "UTC", 1, _app.Clock.GetUtcNow());
        var world = new RollupWorld(_app, new Random(13));
        world.Accounts.Add(account);
        await world.FireAsync("RollupTimer");
        var hour = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
        var random = new Random(13);
        var events = Enumerable.Range(0, 2000).Select(i => new GeneratedEvent($"busy-{i}", "usage.call.ended",
            hour.AddSeconds(random.Next(3000)), $"agent_{i % 40}", "voice_a", $"num_{i % 10}", "inbound", "hangup", "BILLED", 60, 60)).ToList();
        await world.SendAsync(account, events);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));

        var counter = new StorageRequestPolicy();
        using var instance = StorageRequestPolicy.Instance(_app, counter);
        (await instance.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        output.WriteLine($"Storage requests for one busy hour (2000 calls, 40 agents, 10 numbers): {counter.Requests}");
        await RollupAssertions.RowsMatchAsync(_app, account);
        Assert.InRange(counter.Requests, 10, 60);
    }

    private IUsageQuery Query => _app.Services.GetRequiredService<IUsageQuery>();

    private Task<(RollupWorld World, WorldAccount Account)> HistoryAsync(int seed) => RollupWorld.WithHistoryAsync(_app, seed);
}
