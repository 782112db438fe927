using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>Credentials naming ids that do not exist cost no storage reads; ids created through the management API work at once.</summary>
public sealed class CredentialLookupTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task AFloodOfRandomKeyIdsAndAccountIdsCostsAtMostOneListingEach()
    {
        var app = shared.App;
        var account = await TestAccount.CreateAsync(app);
        using var client = app.CreateClient();
        using var admin = app.CreateAdminClient();
        var now = app.Clock.GetUtcNow();
        // Warm up both snapshots.
        await client.SendAsync(Keyed("ufk_" + Guid.NewGuid().ToString("N")[..12] + "_secret"));
        await client.SendAsync((account with { Id = "acct_warmup00" }).SignedPost("[]", now));

        var before = await RequestsAsync(admin);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Keyed($"ufk_{Guid.NewGuid():N}"[..16] + "_secret"))).StatusCode);
            var stranger = account with { Id = "acct_" + Guid.NewGuid().ToString("N")[..10] };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(stranger.SignedPost("[]", now))).StatusCode);
        }
        var after = await RequestsAsync(admin);

        // 80 refusals; a snapshot may go stale once while they run and be listed again (one query each).
        Assert.InRange(after - before, 0, 4);
    }

    [Fact]
    public async Task AKeyAndAnAccountCreatedAfterAFloodAreUsableAtOnce()
    {
        var app = shared.App;
        using var client = app.CreateClient();
        await client.SendAsync(Keyed("ufk_" + Guid.NewGuid().ToString("N")[..12] + "_secret"));
        var account = await TestAccount.CreateAsync(app);
        var now = app.Clock.GetUtcNow();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", account.ReadKey) } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read)).StatusCode);
        var signed = await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(now.AddMinutes(-1))), now));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Fact]
    public async Task ManagementNotFoundAnswersAreProblemDetails()
    {
        using var admin = shared.App.CreateAdminClient();
        var account = await TestAccount.CreateAsync(shared.App);
        foreach (var response in new[]
                 {
                     await admin.GetAsync("/api/manage/accounts/acct_missing000"),
                     await admin.GetAsync("/api/manage/accounts/acct_missing000/keys"),
                     await admin.DeleteAsync($"/api/manage/accounts/{account.Id}/keys/missingkey00"),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }
    }

    private static HttpRequestMessage Keyed(string key) =>
        new(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", key) } };

    private static async Task<long> RequestsAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/manage/diagnostics/storage")).GetProperty("requests").GetInt64();
}
