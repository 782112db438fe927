using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Diagnostics;

public sealed class StorageDiagnosticsTests : AppTest
{
    [Fact]
    public async Task OneProducersHundredEventBatchInOneHourCostsThreeTransactionsAndTheNextOneInTheMinuteOne()
    {
        // The default shard count: one producer's batch stays in one partition whatever it is.
        using var client = App.CreateClient();
        using var admin = App.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", UsageAppFactory.AdminKey);
        var account = await TestAccount.CreateAsync(App);
        var hour = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        // Warm up: the key lookup is cached and the tables are created on first use.
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(hour.AddHours(-1)))))).EnsureSuccessStatusCode();

        var before = await RequestsAsync(admin);
        var batch = TestEvents.Batch([.. Enumerable.Range(0, 100).Select(i => TestEvents.Message(hour.AddSeconds(i)))]);
        var response = await client.SendAsync(account.KeyedPost(batch));
        var after = await RequestsAsync(admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // One entity-group transaction for the events, and the hour's change marker in the arrival minute's partition
        // and in the account's own partition (what reads use to count hours the roll-up has not covered yet).
        Assert.Equal(3, after.GetProperty("requests").GetInt64() - before.GetProperty("requests").GetInt64());
        Assert.Equal(3, after.GetProperty("byKind").GetProperty("batch").GetInt64() - before.GetProperty("byKind").GetProperty("batch").GetInt64());

        // The markers are written once per minute: the next batch to that hour in the same minute is one transaction.
        var next = TestEvents.Batch([.. Enumerable.Range(100, 100).Select(i => TestEvents.Message(hour.AddSeconds(i)))]);
        (await client.SendAsync(account.KeyedPost(next))).EnsureSuccessStatusCode();
        Assert.Equal(1, (await RequestsAsync(admin)).GetProperty("requests").GetInt64() - after.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task RequestsSentForHttpInvocationsAreToldFromTheTimers()
    {
        using var client = App.CreateClient();
        using var admin = App.CreateAdminClient();
        var account = await TestAccount.CreateAsync(App);
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(App.Clock.GetUtcNow().AddMinutes(-90)))))).EnsureSuccessStatusCode();

        var before = await RequestsAsync(admin);
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        var afterTimer = await RequestsAsync(admin);
        Assert.True(Delta(before, afterTimer, "background") > 0, "The roll-up's requests count as background.");
        Assert.Equal(0, Delta(before, afterTimer, "http"));

        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(App.Clock.GetUtcNow().AddMinutes(-80)))))).EnsureSuccessStatusCode();
        var afterPost = await RequestsAsync(admin);
        Assert.True(Delta(afterTimer, afterPost, "http") > 0, "An ingestion's requests count as http.");
        Assert.Equal(afterPost.GetProperty("requests").GetInt64(),
            afterPost.GetProperty("byOrigin").GetProperty("http").GetInt64() + afterPost.GetProperty("byOrigin").GetProperty("background").GetInt64());
    }

    private static long Delta(JsonElement before, JsonElement after, string origin) =>
        after.GetProperty("byOrigin").GetProperty(origin).GetInt64() - before.GetProperty("byOrigin").GetProperty(origin).GetInt64();

    [Fact]
    public async Task StorageDiagnosticsNeedTheAdminKey()
    {
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/manage/diagnostics/storage")).StatusCode);
        using var admin = App.CreateAdminClient();
        var counts = await RequestsAsync(admin);
        Assert.True(counts.GetProperty("requests").GetInt64() >= 0);
    }

    private static async Task<JsonElement> RequestsAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/api/manage/diagnostics/storage");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
