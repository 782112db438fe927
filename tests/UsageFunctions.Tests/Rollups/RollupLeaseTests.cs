using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Rollups;

/// <summary>
/// The roll-up lease: short and renewed while a run works, so a holder that died is taken over once it runs out; one
/// run at a time within an instance; redelivery racing itself is counted once.
/// </summary>
public sealed class RollupLeaseTests : IDisposable
{
    private readonly UsageAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnInstanceKilledDuringARollupIsTakenOverWithinThirtySecondsAndTotalsEqualARecount()
    {
        var (world, account) = await HistoryAsync(seed: 21);
        var killedAt = _app.Clock.GetUtcNow();
        // It dies three writes into its roll-up (after creating the tables on start: one write each).
        using (var dying = StorageRequestPolicy.Instance(_app, new StorageRequestPolicy { FailAfterWrites = TableNames.All.Count + 3 }))
            Assert.Equal(HttpStatusCode.InternalServerError, (await dying.RunTimerAsync("RollupTimer")).StatusCode);

        // The dead instance's lease is left behind, and it lasts at most 30 s from when it was taken.
        var left = await StateAsync();
        Assert.NotNull(left.Owner);
        Assert.InRange(left.LeaseUntil!.Value, killedAt, killedAt.AddSeconds(30));

        (await _app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        Assert.Equal(left.Owner, (await StateAsync()).Owner); // still held: this run was skipped

        _app.Clock.Advance(left.LeaseUntil.Value - _app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        (await _app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        var after = await StateAsync();
        Assert.Null(after.Owner);
        Assert.NotNull(after.Watermark);
        await RollupAssertions.RowsMatchAsync(_app, account);
        await RollupAssertions.PeriodsMatchAsync(Query, account, world.Now);
    }

    [Fact]
    public async Task ARunRenewsItsLeaseSoAnotherInstanceCannotTakeItWhileItWorks()
    {
        var tables = _app.Services.GetRequiredService<TableClients>();
        var mine = new RollupLease(tables);
        var now = _app.Clock.GetUtcNow();
        var held = await mine.TryAcquireAsync(now, now.AddSeconds(30), CancellationToken.None);
        Assert.NotNull(held);

        await using (new LeaseRenewal(mine, held, TimeSpan.FromSeconds(30), _app.Clock, NullLogger.Instance))
        {
            for (var step = 1; step <= 4; step++)
            {
                _app.Clock.Advance(TimeSpan.FromSeconds(10));
                var renewedUntil = _app.Clock.GetUtcNow().AddSeconds(30);
                await WaitUntilAsync(async () => (await StateAsync()).LeaseUntil == renewedUntil);
            }
            // 40 s after it was taken, past its first expiry: still held, since it was renewed.
            var other = new RollupLease(tables);
            Assert.Null(await other.TryAcquireAsync(_app.Clock.GetUtcNow(), _app.Clock.GetUtcNow().AddSeconds(30), CancellationToken.None));
        }
        // Renewal stopped: once the last renewal runs out, another instance takes over.
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var taker = new RollupLease(tables);
        Assert.NotNull(await taker.TryAcquireAsync(_app.Clock.GetUtcNow(), _app.Clock.GetUtcNow().AddSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentRollupsInOneInstanceRunOneAtATimeAndTotalsStayExact()
    {
        var (world, account) = await HistoryAsync(seed: 22);
        var runner = _app.Services.GetRequiredService<RollupRunner>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => runner.RunAsync(CancellationToken.None)));

        Assert.Single(results, r => r.Ran);
        var fired = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _app.RunTimerAsync("RollupTimer")));
        Assert.All(fired, r => Assert.True(r.IsSuccessStatusCode));
        await RollupAssertions.RowsMatchAsync(_app, account);
        await RollupAssertions.PeriodsMatchAsync(Query, account, world.Now);
    }

    [Fact]
    public async Task OneBatchRedeliveredConcurrentlyIsStoredAndCountedOnce()
    {
        var account = await TestAccount.CreateAsync(_app);
        var now = _app.Clock.GetUtcNow();
        var batch = TestEvents.Batch([.. Enumerable.Range(0, 50).Select(i => TestEvents.Message(now.AddMinutes(-i), $"again-{i}", $"/src/{i % 3}"))]);
        using var client = _app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await (await client.SendAsync(account.KeyedPost(batch))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()));

        Assert.All(answers, a => Assert.Equal(50, a.GetProperty("accepted").GetInt32() + a.GetProperty("duplicates").GetInt32()));
        Assert.Equal(50, answers.Sum(a => a.GetProperty("accepted").GetInt32()));
        (await _app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        var total = await Query.TotalAsync(account.Id, "messages", now.AddHours(-2), now.AddHours(1), null, CancellationToken.None);
        Assert.Equal(50, total.Total);
    }

    private IUsageQuery Query => _app.Services.GetRequiredService<IUsageQuery>();

    private Task<RollupStateEntity> StateAsync() => new RollupLease(_app.Services.GetRequiredService<TableClients>()).ReadAsync(CancellationToken.None);

    /// <summary>Waits for background work the test cannot await (the renewal loop), without a time limit of its own beyond a generous one.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600 && !await condition(); i++) await Task.Delay(50);
        Assert.True(await condition());
    }

    private Task<(RollupWorld World, WorldAccount Account)> HistoryAsync(int seed) => RollupWorld.WithHistoryAsync(_app, seed);
}
