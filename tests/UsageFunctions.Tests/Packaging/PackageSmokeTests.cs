using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>The unpacked package under a Functions host, spoken to as clients and the platform speak to it, against Azurite.</summary>
public sealed class PackageSmokeTests(PackagedApp app) : IClassFixture<PackagedApp>
{
    [Fact]
    public async Task HostIsRunningWithEveryFunctionOfTheBuildLoaded()
    {
        using var response = await app.Client.GetAsync("/admin/host/status");
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {status}\n{app.Log}");
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal(PackagedFunctions.FromBuildOutput().Select(f => f.Name).Order(),
            status.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task TimerSchedulesComeFromTheAppSettings()
    {
        var status = await app.Client.GetFromJsonAsync<JsonElement>("/admin/host/status");
        var timers = PackagedFunctions.FromBuildOutput().Where(f => f.IsTimer).ToList();
        var loaded = status.GetProperty("functions").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.NotEmpty(timers);
        foreach (var timer in timers)
            Assert.Equal(PackagedApp.TimerSchedules[timer.Schedule!.Trim('%')], loaded[timer.Name].GetProperty("schedule").GetString());
    }

    [Fact]
    public async Task ForwardedRequestsKeepTheirPathFromFirstAccountToAcceptedEvent()
    {
        using var admin = app.CreateClient(PackagedApp.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/manage/accounts", new { name = "Smoke", plan = "pro", billingAnchorDay = 1, timeZone = "UTC" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{app.Log}");
        var accountId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var writeKey = await TestAccount.IssueKeyAsync(admin, accountId, "events:write");
        using var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", writeKey) },
            Content = new StringContent(TestEvents.Call(DateTimeOffset.UtcNow.AddMinutes(-5)).ToJsonString(), Encoding.UTF8,
                "application/cloudevents+json"),
        };
        using var accepted = await app.Client.SendAsync(ingest);

        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task TheReferencePageAndTheOpenApiDocumentsAreServedFromThePackage()
    {
        using var reference = await app.Client.GetAsync("/reference/reference.js");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        foreach (var name in Infrastructure.OpenApi.ApiContract.DocumentNames)
            Assert.Equal(File.ReadAllText(Path.Combine(Infrastructure.OpenApi.ApiContract.Folder, name + ".json")),
                await app.Client.GetStringAsync($"/openapi/{name}.json"));
    }

    [Fact]
    public async Task TimerFiredThroughTheAdminApiRunsToSuccess()
    {
        using var response = await FireAsync("RetentionTimer?wait=true");
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {outcome}\n{app.Log}");
        Assert.Equal("Success", outcome.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TimerFiredThroughTheAdminApiIsAcceptedAsByTheFunctionsHost()
    {
        using var response = await FireAsync("RetentionTimer");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The Functions host's call for running a non-HTTP function now: the admin key, and a JSON body with its input.</summary>
    private async Task<HttpResponseMessage> FireAsync(string functionAndQuery)
    {
        using var admin = app.CreateClient(PackagedApp.AdminKey);
        return await admin.PostAsJsonAsync($"/admin/functions/{functionAndQuery}", new { input = "" });
    }
}
