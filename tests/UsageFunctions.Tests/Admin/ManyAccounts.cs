using System.Net.Http.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Admin;

/// <summary>
/// Many tenants created through the management API: each with three keys, a signing secret, an agent and a phone
/// number, so every account's partitions hold more than the row a listing needs.
/// </summary>
public static class ManyAccounts
{
    public const int KeysEach = 3;

    public static async Task<IReadOnlyList<TestAccount>> CreateAsync(UsageAppFactory app, int count)
    {
        using var admin = app.CreateAdminClient();
        var accounts = new List<TestAccount>();
        // A few at a time: fast enough, and gentle with a loaded machine.
        foreach (var wave in Enumerable.Range(0, count).Chunk(5))
            accounts.AddRange(await Task.WhenAll(wave.Select(_ => CreateOneAsync(app, admin))));
        return accounts;
    }

    private static async Task<TestAccount> CreateOneAsync(UsageAppFactory app, HttpClient admin)
    {
        var account = await TestAccount.CreateAsync(app);
        await TestAccount.IssueKeyAsync(admin, account.Id, "usage:read");
        (await admin.PutAsJsonAsync($"/api/manage/accounts/{account.Id}/agents/agent_support", new { name = "Support" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/manage/accounts/{account.Id}/phone-numbers/num_main",
            new { number = "+14155550100", country = "US", status = "active", agentId = "agent_support" })).EnsureSuccessStatusCode();
        return account;
    }
}
