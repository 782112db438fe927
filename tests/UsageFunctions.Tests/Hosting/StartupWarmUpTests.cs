using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hosting;

/// <summary>A cold instance takes its id snapshots while it starts, so its first requests do not list ids themselves.</summary>
public sealed class StartupWarmUpTests
{
    [Fact]
    public async Task TheFirstRequestsWithUnknownKeyAndAccountIdsSendNoStorageRequestOnceTheInstanceHasWarmedUp()
    {
        using var app = new UsageAppFactory();
        using var admin = app.CreateAdminClient();
        using var client = app.CreateClient();
        // The warm-up lists the key ids and the account ids (one query each) without any request asking for them.
        var warmed = await WaitForQueriesAsync(admin, app.TablePrefix + "ApiKeys", app.TablePrefix + "Accounts");

        var stranger = new TestAccount("acct_" + Guid.NewGuid().ToString("N")[..10], "", "", "whsec_" + Convert.ToBase64String(new byte[24]));
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/usage/period")
        {
            Headers = { Authorization = new("Bearer", $"ufk_{Guid.NewGuid():N}"[..16] + "_secret") },
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(keyed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(stranger.SignedPost("[]", app.Clock.GetUtcNow()))).StatusCode);

        Assert.Equal(warmed, (await CountsAsync(admin)).GetProperty("requests").GetInt64());
    }

    /// <summary>The request count once every given table has had a query; bounded, for a slow machine.</summary>
    private static async Task<long> WaitForQueriesAsync(HttpClient admin, params string[] tables)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var counts = await CountsAsync(admin);
            var byTable = counts.GetProperty("byTable");
            if (tables.All(t => byTable.TryGetProperty(t, out _))) return counts.GetProperty("requests").GetInt64();
            Assert.True(DateTime.UtcNow < deadline, $"No listing of {string.Join(" and ", tables)} at start: {byTable}");
            await Task.Delay(50);
        }
    }

    private static async Task<JsonElement> CountsAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>("/api/manage/diagnostics/storage");
}
