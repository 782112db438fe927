using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Tests.Corrections;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Entitlements;

/// <summary>The check reads the counters and the pending hours' rows at different moments; a roll-up may run in between.</summary>
public sealed class EntitlementRaceTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task HoursRewrittenByARunThatHasNotRefreshedTheCountersAreNotMixedWithThem()
    {
        var account = await RolledUpAsync("first");
        await SendAsync(account, TestEvents.Message(Now.AddMinutes(-20), "late"));
        Assert.Equal((2m, EntitlementSource.CountersAndPendingHours), await CheckAsync(account));

        await new HalfwayRollup(App).RunAsync(withCounters: false);
        Assert.Equal((2m, EntitlementSource.Recomputed), await CheckAsync(account));

        await new HalfwayRollup(App).RunAsync(withCounters: true);
        Assert.Equal((2m, EntitlementSource.CountersAndPendingHours), await CheckAsync(account));
    }

    [Fact]
    public async Task AnHourEmptiedByAVoidAfterTheCountersIsNotCountedFromThem()
    {
        var account = await RolledUpAsync("only");
        using var client = App.CreateClient();
        (await client.SendAsync(VoidRequests.Keyed(account.WriteKey, new { source = "/tests", id = "only", reason = "test" }))).EnsureSuccessStatusCode();
        Assert.Equal(0m, (await CheckAsync(account)).Used);

        // The run deletes the hour's rows (nothing is left to count) but has not refreshed the counters yet.
        await new HalfwayRollup(App).RunAsync(withCounters: false);
        Assert.Equal((0m, EntitlementSource.Recomputed), await CheckAsync(account));
    }

    /// <summary>An account with one message 30 minutes before a roll-up that covered it, and five minutes later.</summary>
    private async Task<TestAccount> RolledUpAsync(string id)
    {
        var account = await TestAccount.CreateAsync(App);
        App.Clock.Advance(TimeSpan.FromMinutes(40 - Now.Minute));
        await SendAsync(account, TestEvents.Message(Now.AddMinutes(-30), id));
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        return account;
    }

    private async Task SendAsync(TestAccount account, System.Text.Json.Nodes.JsonObject message)
    {
        using var client = App.CreateClient();
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(message)))).EnsureSuccessStatusCode();
    }

    private async Task<(decimal Used, EntitlementSource Source)> CheckAsync(TestAccount account)
    {
        var figure = await App.Services.GetRequiredService<EntitlementFigure>()
            .ReadAsync(account.Id, App.Services.GetRequiredService<MeterCatalog>().Find(MeterKeys.Messages)!, CancellationToken.None);
        return (figure.Used, figure.Source);
    }
}
