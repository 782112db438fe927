using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;

namespace UsageFunctions.Tests.Admin;

/// <summary>Accounts and keys stored before the index partitions existed are indexed by the backfill, once per deployment.</summary>
public sealed class IndexBackfillTests
{
    private static readonly DateTimeOffset Issued = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task KeysAndAnAccountStoredWithoutIndexRowsAreListedAndKnownAfterTheBackfill()
    {
        using var app = new UsageAppFactory();
        var old = await StoreTheOldWayAsync(app);

        var result = await app.Services.GetRequiredService<IndexBackfill>().EnsureAsync(CancellationToken.None);

        Assert.Equal(new IndexBackfillResult(true, 1, 4), result);
        using var admin = app.CreateAdminClient();
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/manage/accounts/{old.AccountId}/keys");
        Assert.Equal(new[] { old.ActiveKeyId, old.RevokedKeyId }.Order(), listed.EnumerateArray().Select(k => k.GetProperty("keyId").GetString()).Order());
        Assert.Equal(JsonValueKind.Null, listed.EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == old.ActiveKeyId).GetProperty("revokedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, listed.EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == old.RevokedKeyId).GetProperty("revokedAt").ValueKind);
        // The known-id set reads the index of key ids: the old key authenticates, the revoked one does not.
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Read(old.ActiveKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Read(old.RevokedKey))).StatusCode);
        // The timers list accounts from the account index.
        var listedAccount = Assert.Single(await app.Services.GetRequiredService<IAccountStore>().ListAsync(CancellationToken.None));
        Assert.Equal(new Account(old.AccountId, "Old tenant", "pro", 15, "Europe/Paris", Issued), listedAccount);
    }

    [Fact]
    public async Task TheBackfillScansOncePerDeploymentAndConcurrentRunsConverge()
    {
        using var app = new UsageAppFactory();
        var old = await StoreTheOldWayAsync(app);
        Assert.True((await app.Services.GetRequiredService<IndexBackfill>().EnsureAsync(CancellationToken.None)).Scanned);

        // Another instance of the same deployment finds the marker: one point read, no scan.
        var log = new StorageReadLog();
        using (var other = StorageRequestPolicy.Instance(app, log))
        {
            Assert.False((await other.Services.GetRequiredService<IndexBackfill>().EnsureAsync(CancellationToken.None)).Scanned);
            // The instance's own start-up reads (known ids, the summary coverage) may land in the log too: none of them
            // scans the accounts or keys, and the marker is read exactly once.
            var sent = log.Sent.ToList();
            Assert.DoesNotContain(sent, r => r.Kind is StorageReadKind.Scan or StorageReadKind.PartitionRange
                                             && (r.Resource.Contains(TableNames.Accounts) || r.Resource.Contains(TableNames.ApiKeys)));
            var marker = Assert.Single(sent, r => r.Partition == IndexBackfill.MarkerPartition);
            Assert.Equal(StorageReadKind.PointRead, marker.Kind);
        }

        // A new deployment over tables whose index rows are missing again: instances racing each other both finish.
        var tables = app.Services.GetRequiredService<TableClients>();
        var accountsTable = await tables.GetAsync(TableNames.Accounts);
        await accountsTable.DeleteEntityAsync(IndexBackfill.MarkerPartition, IndexBackfill.Deployment);
        await accountsTable.DeleteEntityAsync("accounts~index", old.AccountId);
        var keysTable = await tables.GetAsync(TableNames.ApiKeys);
        foreach (var keyId in new[] { old.ActiveKeyId, old.RevokedKeyId })
        {
            await keysTable.DeleteEntityAsync("account~" + old.AccountId, keyId);
            await keysTable.DeleteEntityAsync("keys~index", keyId);
        }
        var runs = await Task.WhenAll(new IndexBackfill(tables).EnsureAsync(CancellationToken.None), new IndexBackfill(tables).EnsureAsync(CancellationToken.None));

        Assert.All(runs, r => Assert.True(r.Scanned));
        Assert.Equal(1, runs.Max(r => r.AccountRows));
        using var admin = app.CreateAdminClient();
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/api/manage/accounts/{old.AccountId}/keys")).GetArrayLength());
        // Nothing left to write: a rerun inserts no row.
        await accountsTable.DeleteEntityAsync(IndexBackfill.MarkerPartition, IndexBackfill.Deployment);
        Assert.Equal(new IndexBackfillResult(true, 0, 0), await new IndexBackfill(tables).EnsureAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AKeyStoredBeforeTheIndexesAuthenticatesWhileTheBackfillIsStillRunning()
    {
        using var tables = new UsageAppFactory();
        var old = await StoreTheOldWayAsync(tables);
        var gate = new MarkerGate();
        using var app = StorageRequestPolicy.Instance(tables, gate);
        using var client = app.CreateClient();

        // The backfill is held at its first request: the key index is not written yet, and the point read decides.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Read(old.ActiveKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Read("ufk_neverissued0_secret"))).StatusCode);
        var backfill = app.Services.GetRequiredService<IndexBackfill>();
        Assert.False(backfill.IsComplete);

        gate.Open.TrySetResult();
        Assert.True((await backfill.EnsureAsync(CancellationToken.None)).Scanned);
        Assert.True(backfill.IsComplete);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Read(old.ActiveKey))).StatusCode);
    }

    private static HttpRequestMessage Read(string key) =>
        new(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", key) } };

    /// <summary>
    /// An account and two keys (one revoked) as the product stored them before the index partitions: the profile and the
    /// keys' own rows only. Written before the app starts, as a deployment finds them.
    /// </summary>
    private static async Task<OldTenant> StoreTheOldWayAsync(UsageAppFactory app)
    {
        var service = new TableServiceClient(app.ConnectionString);
        var accounts = service.GetTableClient(app.TablePrefix + TableNames.Accounts);
        var keys = service.GetTableClient(app.TablePrefix + TableNames.ApiKeys);
        await accounts.CreateIfNotExistsAsync();
        await keys.CreateIfNotExistsAsync();
        var accountId = AccountIds.NewAccountId();
        await accounts.AddEntityAsync(AccountEntity.From(new Account(accountId, "Old tenant", "pro", 15, "Europe/Paris", Issued)));
        var (activeId, revokedId) = (AccountIds.NewKeyId(), AccountIds.NewKeyId());
        var (active, revoked) = (ApiKey.Compose(activeId, AccountIds.RandomToken(40)), ApiKey.Compose(revokedId, AccountIds.RandomToken(40)));
        HashSet<string> scopes = ["usage:read"];
        await keys.AddEntityAsync(ApiKeyEntity.From(new ApiKey(activeId, accountId, "old", scopes, ApiKey.HashOf(active), Issued, null)));
        await keys.AddEntityAsync(ApiKeyEntity.From(new ApiKey(revokedId, accountId, "old", scopes, ApiKey.HashOf(revoked), Issued, Issued.AddDays(1))));
        return new OldTenant(accountId, activeId, active, revokedId, revoked);
    }

    /// <summary>Holds every request for the backfill marker until <see cref="Open"/> completes.</summary>
    private sealed class MarkerGate : HttpPipelinePolicy
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Uri.UnescapeDataString(message.Request.Uri.PathAndQuery).Contains(IndexBackfill.MarkerPartition, StringComparison.Ordinal))
                await Open.Task;
            await ProcessNextAsync(message, pipeline);
        }
    }

    private sealed record OldTenant(string AccountId, string ActiveKeyId, string ActiveKey, string RevokedKeyId, string RevokedKey);
}
