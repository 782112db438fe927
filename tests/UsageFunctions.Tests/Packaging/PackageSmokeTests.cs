using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>The packaged executable spoken to exactly as the Functions host speaks to it, against Azurite.</summary>
public sealed class PackageSmokeTests(PackagedApp app) : IClassFixture<PackagedApp>
{
    [Fact]
    public async Task ReadinessProbeOnRootAnswersOk()
    {
        using var response = await app.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
    public async Task TimerInvocationAnswersInTheHostsInvocationShape()
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new
        {
            Data = new { timer = new { ScheduleStatus = new { Last = now.AddDays(-1), Next = now.AddDays(1), LastUpdated = now }, IsPastDue = false } },
            Metadata = new { },
        };
        // The host's names are PascalCase: no web (camelCase) naming here.
        using var invocation = new HttpRequestMessage(HttpMethod.Post, "/RetentionTimer")
        {
            Content = JsonContent.Create(payload, options: new JsonSerializerOptions()),
        };
        using var response = await app.Client.SendAsync(invocation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}\n{app.Log}");
        Assert.Equal(["Logs", "Outputs", "ReturnValue"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Empty(body.GetProperty("Outputs").EnumerateObject());
        Assert.Contains(body.GetProperty("Logs").EnumerateArray(), l => !string.IsNullOrEmpty(l.GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
    }
}
