using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageFunctions.App.Retention;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Alerts;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Events;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Storage;

public sealed class RetentionTests : AppTest
{
    [Fact]
    public async Task RetentionTimerPurgesOnlyRawEventsPastRetention()
    {
        var account = await TestAccount.CreateAsync(App);
        var store = App.Services.GetRequiredService<IEventStore>();
        var now = App.Clock.GetUtcNow();
        var old = now.AddDays(-400);
        var kept = now.AddDays(-390);
        await store.AppendAsync(account.Id, [Message(old, "old-1"), Message(old.AddHours(5), "old-2"), Message(kept, "kept")], CancellationToken.None);

        var response = await App.RunTimerAsync("RetentionTimer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var left = new List<string>();
        await foreach (var e in store.ReadRangeAsync(account.Id, now.AddDays(-500), now, CancellationToken.None)) left.Add(e.Event.Id);
        Assert.Equal(["kept"], left);
    }

    [Fact]
    public async Task PurgingRawEventsLeavesTheAggregatesWhole()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var start = App.Clock.GetUtcNow();
        var calls = Enumerable.Range(0, 12).Select(i => TestEvents.Call(start.AddHours(-i * 5), 30 + i)).ToArray();
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(calls)))).EnsureSuccessStatusCode();
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        App.Clock.Advance(TimeSpan.FromDays(400));
        Assert.Equal(HttpStatusCode.OK, (await App.RunTimerAsync("RetentionTimer")).StatusCode);

        var store = App.Services.GetRequiredService<IEventStore>();
        var left = 0;
        await foreach (var _ in store.ReadRangeAsync(account.Id, start.AddDays(-10), start.AddDays(1), CancellationToken.None)) left++;
        Assert.Equal(0, left);
        var usage = App.Services.GetRequiredService<UsageFunctions.Storage.Usage.IUsageQuery>();
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var seconds = await usage.TotalAsync(account.Id, "call_seconds", from, from.AddMonths(1), null, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 12).Sum(i => 30 + i), seconds.Total);
    }

    [Fact]
    public async Task CallDigestsAreKeptAsLongAsTheRawEventsOfTheirDays()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var start = App.Clock.GetUtcNow();
        var calls = new[] { TestEvents.Call(start.AddHours(-30)), TestEvents.Call(start.AddHours(-3)) };
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(calls)))).EnsureSuccessStatusCode();
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        Assert.Equal(4, (await DigestHoursAsync(account)).Count);

        var days = App.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.RawEventDays;
        App.Clock.Advance(TimeSpan.FromDays(days) - TimeSpan.FromHours(10));
        Assert.Equal(HttpStatusCode.OK, (await App.RunTimerAsync("RetentionTimer")).StatusCode);

        // The cutoff falls at 02:00 of the second call's day: the first call's day is gone whole, the second's is kept.
        var kept = new DateTimeOffset(start.AddHours(-3).UtcDateTime.Date, TimeSpan.Zero);
        Assert.Equal(kept.AddHours(2), App.Clock.GetUtcNow() - TimeSpan.FromDays(days));
        Assert.Equal([CallDigestRows.DayKey(kept), CallDigestRows.DayKey(kept, CallDigestFamily.Text)], await DigestHoursAsync(account));
    }

    [Fact]
    public async Task FiredAlertMarkersAndFinishedDeliveriesGoAfterTheirRetentionAndPendingDeliveriesStay()
    {
        var account = await TestAccount.CreateAsync(App);
        var outbox = App.Services.GetRequiredService<TableAlertOutbox>();
        var ct = CancellationToken.None;
        var fired = App.Clock.GetUtcNow();
        Assert.True(await outbox.FireAsync(account.Id, "rule_old", fired, "10", new OutboxMessage("msg_old", "usage.alert", "{}", ["ep_1", "ep_2"]), fired, ct));
        var delivered = Assert.Single(await outbox.ListDeliveriesAsync(account.Id, "ep_1", ct));
        delivered.Status = DeliveryStatus.Delivered;
        Assert.True(await outbox.TryReplaceAsync(delivered, ct));

        var days = App.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.AlertDays;
        App.Clock.Advance(TimeSpan.FromDays(days) + TimeSpan.FromMinutes(1));
        var now = App.Clock.GetUtcNow();
        Assert.True(await outbox.FireAsync(account.Id, "rule_new", now, "11", new OutboxMessage("msg_new", "usage.alert", "{}", ["ep_1"]), now, ct));
        Assert.Equal(HttpStatusCode.OK, (await App.RunTimerAsync("RetentionTimer")).StatusCode);

        Assert.False(await outbox.HasFiredAsync(account.Id, "rule_old", fired, ct));
        Assert.True(await outbox.HasFiredAsync(account.Id, "rule_new", now, ct));
        Assert.Equal(["msg_new"], (await outbox.ListDeliveriesAsync(account.Id, "ep_1", ct)).Select(d => d.MessageId));
        var pending = Assert.Single(await outbox.ListDeliveriesAsync(account.Id, "ep_2", ct));
        Assert.Equal(("msg_old", DeliveryStatus.Pending), (pending.MessageId, pending.Status));
    }

    /// <summary>The day keys of the account's digest rows without their chunk, both families (figures first: they sort first).</summary>
    private async Task<List<string>> DigestHoursAsync(TestAccount account)
    {
        var table = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + "Aggregates");
        var hours = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey ge {"~calls~"}")))
            hours.Add(row.RowKey[..^3]);
        return hours;
    }

    private static UsageEvent Message(DateTimeOffset time, string id) =>
        CloudEventReader.Read(TestEvents.Element(TestEvents.Message(time, id)), time).Event!;
}
