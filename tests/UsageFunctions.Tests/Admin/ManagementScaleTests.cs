using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;

namespace UsageFunctions.Tests.Admin;

/// <summary>Management calls read one partition or one row, however many accounts and keys the tables hold.</summary>
public sealed class ManagementScaleTests
{
    [Fact]
    public async Task ListingAnAccountsKeysAmongManyAccountsIsOneSinglePartitionQuery()
    {
        var policy = new StorageRequestPolicy();
        using var tables = new UsageAppFactory();
        using var app = StorageRequestPolicy.Instance(tables, policy);
        using var admin = app.CreateAdminClient();
        var accounts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/manage/accounts", new { name = $"Tenant {i}", plan = "pro", billingAnchorDay = 1, timeZone = "UTC" });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            accounts.Add(id);
            for (var k = 0; k < 3; k++) await TestAccount.IssueKeyAsync(admin, id, "usage:read");
        }
        var target = accounts[^3];
        var revoked = (await (await admin.GetAsync($"/api/manage/accounts/{target}/keys")).Content.ReadFromJsonAsync<JsonElement>())[0]
            .GetProperty("keyId").GetString()!;
        (await admin.DeleteAsync($"/api/manage/accounts/{target}/keys/{revoked}")).EnsureSuccessStatusCode();

        var before = policy.Sent.Count;
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/manage/accounts/{target}/keys");
        var sent = policy.Sent.Skip(before).ToList();

        Assert.Equal(3, listed.GetArrayLength());
        Assert.Equal(1, listed.EnumerateArray().Count(k => k.GetProperty("revokedAt").ValueKind == JsonValueKind.String));
        // The account's existence (one point read) and its keys (one query of its index partition): nothing scans.
        Assert.Equal(2, sent.Count);
        Assert.All(sent, request => Assert.True(
            request.Contains($"PartitionKey='{target}'") || request.Contains($"PartitionKey eq 'account~{target}'"), request));
    }
}
