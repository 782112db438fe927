using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UsageFunctions.App.Hosting;
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
        var warmUp = app.Services.GetServices<IHostedService>().OfType<StartupWarmUp>().Single();
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));
        var before = await RequestsAsync(admin);

        var stranger = new TestAccount("acct_" + Guid.NewGuid().ToString("N")[..10], "", "", "whsec_" + Convert.ToBase64String(new byte[24]));
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/usage/period")
        {
            Headers = { Authorization = new("Bearer", $"ufk_{Guid.NewGuid():N}"[..16] + "_secret") },
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(keyed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(stranger.SignedPost("[]", app.Clock.GetUtcNow()))).StatusCode);

        Assert.Equal(before, await RequestsAsync(admin));
    }

    private static async Task<long> RequestsAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/manage/diagnostics/storage")).GetProperty("requests").GetInt64();
}
