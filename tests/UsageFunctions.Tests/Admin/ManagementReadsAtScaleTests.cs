using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.App.Auth;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Admin;

/// <summary>
/// Among 30 tenants (three keys, a secret, an agent and a number each), every management call and every listing of
/// accounts or ids is a point read or a query of one partition, and returns only the rows it needs: nothing grows with
/// the number of tenants except the listings whose answer is every tenant.
/// </summary>
public sealed class ManagementReadsAtScaleTests : IDisposable
{
    private const int Tenants = 30;
    private readonly ITestOutputHelper _output;
    private readonly StorageReadLog _log = new();
    private readonly UsageAppFactory _tables = new();
    private readonly UsageAppFactory _app;

    public ManagementReadsAtScaleTests(ITestOutputHelper output)
    {
        _output = output;
        _app = StorageRequestPolicy.Instance(_tables, _log);
    }

    public void Dispose()
    {
        _app.Dispose();
        _tables.Dispose();
    }

    [Fact]
    public async Task EveryManagementCallAmongThirtyTenantsReadsOnlyItsAccountsPartitions()
    {
        var accounts = await ManyAccounts.CreateAsync(_app, Tenants);
        var target = accounts[17].Id;
        using var admin = _app.CreateAdminClient();
        var root = $"/api/manage/accounts/{target}";
        var keyId = (await admin.GetFromJsonAsync<JsonElement>($"{root}/keys"))[0].GetProperty("keyId").GetString();
        var calls = new (string Call, Func<Task<HttpResponseMessage>> Send, int MaxRows)[]
        {
            ("get account", () => admin.GetAsync(root), 1),
            ("list keys", () => admin.GetAsync($"{root}/keys"), 1 + ManyAccounts.KeysEach),
            ("issue key", () => admin.PostAsJsonAsync($"{root}/keys", new { name = "more", scopes = new[] { "usage:read" } }), 1),
            ("revoke key", () => admin.DeleteAsync($"{root}/keys/{keyId}"), 1),
            ("rotate secret", () => admin.PostAsync($"{root}/webhook-secrets", null), 1 + 2),
            ("put agent", () => admin.PutAsJsonAsync($"{root}/agents/agent_sales", new { name = "Sales" }), 1),
            ("put voice", () => admin.PutAsJsonAsync($"{root}/voices/voice_mark", new { name = "Mark" }), 1),
            ("list resources", () => admin.GetAsync($"{root}/resources"), 1 + 7),
            // The account is read twice (the alerts door, then the handler): one row each.
            ("list alert rules", () => admin.GetAsync($"{root}/alerts/rules"), 2),
            ("list alert endpoints", () => admin.GetAsync($"{root}/alerts/endpoints"), 2),
            ("create account", () => admin.PostAsJsonAsync("/api/manage/accounts", new { name = "New", plan = "pro", billingAnchorDay = 1, timeZone = "UTC" }), 0),
        };

        foreach (var (call, send, maxRows) in calls)
        {
            var sent = await _log.DuringAsync(async () => Assert.True((await send()).IsSuccessStatusCode, call));
            var reads = Reads(sent);
            _output.WriteLine($"{call}: {sent.Count} requests, {reads.Count} reads, {reads.Sum(r => r.Rows)} rows");
            // The target's own partitions: its account partition, its key index, the revoked key's row; nothing of the other 29 tenants.
            Assert.All(reads, r => Assert.True(r.Kind is StorageReadKind.PointRead or StorageReadKind.SinglePartition
                && (r.Partition == target || r.Partition == "account~" + target || r.Partition == keyId), $"{call}: {r}"));
            Assert.True(reads.Sum(r => r.Rows) <= maxRows, $"{call}: {string.Join("; ", reads)}");
        }
    }

    [Fact]
    public async Task TimersAndTheKnownIdSetListTenantsWithOneQueryOfAnIndexPartition()
    {
        var accounts = await ManyAccounts.CreateAsync(_app, Tenants);
        var now = _app.Clock.GetUtcNow();

        // An unknown key id and an unknown account id once the sets are as old as a relisting needs (the instance took
        // them while it started, or when this test created the tenants): each set is listed once, from its index partition.
        using var anonymous = _app.CreateClient();
        await Task.Delay(KnownIds.RefreshAfter);
        var keyReads = Reads(await _log.DuringAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", "ufk_unknownkey000_secret") } })).StatusCode)));
        AssertOneIndexQuery(keyReads, "keys~index", Tenants * ManyAccounts.KeysEach);
        await Task.Delay(KnownIds.RefreshAfter);
        var stranger = accounts[0] with { Id = "acct_unknown000" };
        var accountReads = Reads(await _log.DuringAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.SendAsync(stranger.SignedPost("[]", now))).StatusCode)));
        AssertOneIndexQuery(accountReads, "accounts~index", Tenants);

        using (var client = _app.CreateClient())
            (await client.SendAsync(accounts[3].SignedPost(TestEvents.Batch(TestEvents.Message(now.AddMinutes(-3))), now))).EnsureSuccessStatusCode();
        _app.Clock.Advance(TimeSpan.FromMinutes(2));

        foreach (var timer in new[] { "RollupTimer", "PeriodTimer", "RetentionTimer", "AlertDeliveryTimer" })
        {
            var reads = Reads(await _log.DuringAsync(async () => (await _app.RunTimerAsync(timer)).EnsureSuccessStatusCode()));
            var listings = reads.Where(r => r.Kind is not StorageReadKind.PointRead && IsOn(r, "Accounts")).ToList();
            _output.WriteLine($"{timer}: {reads.Count} reads, {reads.Sum(r => r.Rows)} rows; account listings: {string.Join("; ", listings)}");
            Assert.All(reads, r => Assert.True(r.Kind is not StorageReadKind.Scan, $"{timer}: {r}"));
            if (timer is "PeriodTimer" or "RetentionTimer")
                AssertOneIndexQuery(listings, "accounts~index", Tenants);
            else
                Assert.Empty(listings);
        }
    }

    private static void AssertOneIndexQuery(List<StorageRequest> reads, string partition, int rows)
    {
        var read = Assert.Single(reads);
        Assert.Equal(StorageReadKind.SinglePartition, read.Kind);
        Assert.Equal(partition, read.Partition);
        Assert.Equal(rows, read.Rows);
    }

    private static bool IsOn(StorageRequest request, string table) => request.Resource.Contains(table + "(", StringComparison.Ordinal);

    private static List<StorageRequest> Reads(List<StorageRequest> sent) => [.. sent.Where(r => r.Kind is not StorageReadKind.NotARead)];
}
