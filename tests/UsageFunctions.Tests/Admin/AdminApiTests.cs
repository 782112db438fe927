using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Admin;

public sealed class AdminApiTests : AppTest
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task ManagementApiRefusesWithoutTheAdminKey(string? key)
    {
        using var client = App.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var response = await client.PostAsJsonAsync("/api/manage/accounts", new { name = "A", plan = "pro" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminKeyHeaderIsAcceptedToo()
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", UsageAppFactory.AdminKey);
        var response = await client.PostAsJsonAsync("/api/manage/accounts", new { name = "A", plan = "pro", timeZone = "Asia/Kolkata", billingAnchorDay = 31 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Asia/Kolkata", body.GetProperty("timeZone").GetString());
        Assert.Equal(31, body.GetProperty("billingAnchorDay").GetInt32());
    }

    [Theory]
    [InlineData("", "pro", 1, "UTC", "name")]
    [InlineData("A", "Pro Plan!", 1, "UTC", "plan")]
    [InlineData("A", "platinum", 1, "UTC", "plan")]
    [InlineData("A", "pro", 32, "UTC", "billingAnchorDay")]
    [InlineData("A", "pro", 1, "Mars/Olympus", "timeZone")]
    public async Task InvalidAccountsAreRefusedFieldByField(string name, string plan, int anchor, string zone, string field)
    {
        using var admin = App.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/manage/accounts", new { name, plan, billingAnchorDay = anchor, timeZone = zone });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task KeysAreStoredOnlyAsHashesAndShownOnce()
    {
        var account = await TestAccount.CreateAsync(App);
        var table = new TableClient(App.ConnectionString, App.TablePrefix + "ApiKeys");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>()) rows.Add(row);

        // Each key's own row (found by its id), its row in the account's index partition (listing) and its id in the
        // partition of key ids (the known-id set); only the first holds the hash.
        Assert.Equal(2, rows.Count(r => r.RowKey == "key"));
        Assert.Equal(2, rows.Count(r => r.PartitionKey == "account~" + account.Id && r.GetBinary("Hash").Length == 0));
        Assert.Equal(2, rows.Count(r => r.PartitionKey == "keys~index" && r.GetBinary("Hash") is null));
        Assert.Equal(6, rows.Count);
        var allText = string.Join("|", rows.SelectMany(r => ((IDictionary<string, object>)r).Values).Select(v => v is byte[] b ? Convert.ToHexString(b) : v?.ToString()));
        Assert.DoesNotContain(account.WriteKey, allText);
        Assert.DoesNotContain(account.WriteKey.Split('_')[2], allText);
        var hashes = rows.Select(r => Convert.ToHexString(r.GetBinary("Hash") ?? [])).ToHashSet();
        Assert.Contains(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account.WriteKey))), hashes);

        using var admin = App.CreateAdminClient();
        var listed = await admin.GetStringAsync($"/api/manage/accounts/{account.Id}/keys");
        Assert.DoesNotContain(account.WriteKey, listed);
    }

    [Fact]
    public async Task RevokedKeyNoLongerWrites()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var message = TestEvents.Message(App.Clock.GetUtcNow()).ToJsonString();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(account.KeyedPost(message, "application/cloudevents+json"))).StatusCode);

        using var admin = App.CreateAdminClient();
        var keyId = account.WriteKey.Split('_')[1];
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/manage/accounts/{account.Id}/keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(account.KeyedPost(message, "application/cloudevents+json"))).StatusCode);
    }

    [Fact]
    public async Task KeyWithoutTheScopeIsForbiddenAndForgedKeyUnauthorized()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var message = TestEvents.Message(App.Clock.GetUtcNow()).ToJsonString();
        var readOnly = account with { WriteKey = account.ReadKey };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(readOnly.KeyedPost(message, "application/cloudevents+json"))).StatusCode);

        var forged = account with { WriteKey = account.WriteKey[..^4] + "aaaa" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged.KeyedPost(message, "application/cloudevents+json"))).StatusCode);
    }

    [Fact]
    public async Task ResourcesAreRegisteredAndListed()
    {
        var account = await TestAccount.CreateAsync(App);
        using var admin = App.CreateAdminClient();
        var root = $"/api/manage/accounts/{account.Id}";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{root}/agents/agent_1", new { name = "Support" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{root}/voices/voice_1", new { name = "Mark" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{root}/phone-numbers/num_1",
            new { number = "+14155550100", country = "US", status = "active", agentId = "agent_1" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"{root}/phone-numbers/num_2",
            new { number = "4155550100", country = "US" })).StatusCode);

        var resources = await admin.GetFromJsonAsync<JsonElement>($"{root}/resources");
        Assert.Equal("+14155550100", resources.GetProperty("phoneNumbers")[0].GetProperty("number").GetString());
        Assert.Equal("Support", resources.GetProperty("agents")[0].GetProperty("name").GetString());
        Assert.Equal("Mark", resources.GetProperty("voices")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/manage/accounts/acct_missing/resources")).StatusCode);
    }
}
