using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Rollups;

public sealed class RollupSmokeTests : AppTest
{
    [Fact]
    public async Task RolledUpCallsAreCountedByHourDayAndMonth()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var now = App.Clock.GetUtcNow();
        var calls = Enumerable.Range(0, 30).Select(i => TestEvents.Call(now.AddHours(-i * 7).AddMinutes(-20), 60 + i)).ToArray();
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(calls)))).EnsureSuccessStatusCode();

        var run = await App.RunTimerAsync("RollupTimer");
        var log = await run.Content.ReadAsStringAsync();
        run.EnsureSuccessStatusCode();

        var query = App.Services.GetRequiredService<IUsageQuery>();
        var total = await query.TotalAsync(account.Id, "calls", now.AddDays(-30), now.AddDays(1), "agent", CancellationToken.None);
        Assert.True(total.Total == 30, log);
        var seconds = await query.TotalAsync(account.Id, "call_seconds", now.AddHours(-7 * 29 - 1).AddMinutes(10), now.AddMinutes(1), null, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 30).Sum(i => 60 + i), seconds.Total);
        var current = await query.CurrentPeriodAsync(account.Id, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), current.Start);
        Assert.Equal(calls.Count(c => DateTimeOffset.Parse(c["data"]!["createdAt"]!.ToString()) >= current.Start), current.Meters["calls"]);
    }
}
