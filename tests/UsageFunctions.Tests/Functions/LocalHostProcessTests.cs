using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

/// <summary>
/// The app's build output under the local host's executable, as the run command runs it: the handshake loads every
/// function, requests are forwarded to the worker, timers fire on their schedules and by hand, and a stop ends both
/// processes.
/// </summary>
public sealed class LocalHostProcessTests(LocalHostProcessTests.Running app) : IClassFixture<LocalHostProcessTests.Running>
{
    [Fact]
    public async Task HandshakeLoadsEveryFunctionOfTheBuildOutputWithItsTrigger()
    {
        var status = await app.Host.StatusAsync();
        Assert.Equal("Running", status.GetProperty("state").GetString());
        var loaded = status.GetProperty("functions").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(FunctionsMetadata.All.Select(f => f.Name).Order(), loaded.Keys.Order());
        foreach (var http in FunctionsMetadata.Http) Assert.Equal(http.Route, loaded[http.Name].GetProperty("route").GetString());
        // A schedule is the app setting the %Timers__X% expression names.
        Assert.Equal("*/1 * * * * *", loaded["RollupTimer"].GetProperty("schedule").GetString());
        var worker = status.GetProperty("worker").GetProperty("processId").GetInt32();
        Assert.NotEqual(app.Host.Process.Id, worker);
        Assert.False(Process.GetProcessById(worker).HasExited);
    }

    [Fact]
    public async Task RequestsAreForwardedToTheWorkerWithTheirPathBodyAndHeaders()
    {
        var created = await app.Host.Client.SendAsync(Admin(HttpMethod.Post, "/api/manage/accounts", new { name = "Host", plan = "pro" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await app.Host.Client.SendAsync(Admin(HttpMethod.Get, $"/api/manage/accounts/{accountId}"))).StatusCode);
        using var admin = new HttpClient { BaseAddress = app.Host.Client.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", LocalHostProcess.AdminKey);
        var key = await TestAccount.IssueKeyAsync(admin, accountId, "events:write");

        var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Headers = { Authorization = new("Bearer", key) },
            Content = new StringContent(TestEvents.Message(DateTimeOffset.UtcNow).ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
        };
        var accepted = await app.Host.Client.SendAsync(ingest);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("accepted", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Host.Client.GetAsync("/api/no-such-function")).StatusCode);
    }

    [Fact]
    public async Task TimersFireOnTheirScheduleWithoutBeingAsked()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long runs = 0;
        while (DateTime.UtcNow < deadline && runs < 2)
        {
            var rollup = (await app.Host.StatusAsync()).GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "RollupTimer");
            runs = rollup.GetProperty("stats") is { ValueKind: JsonValueKind.Object } stats ? stats.GetProperty("invocations").GetInt64() : 0;
            await Task.Delay(250);
        }
        Assert.True(runs >= 2, $"RollupTimer ran {runs} times in 30 s on a one-second schedule.\n{app.Host.Output}");
    }

    [Fact]
    public async Task ATimerFiredByHandAnswers202OrItsOutcomeWhenAskedToWait()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await app.Host.Client.SendAsync(Admin(HttpMethod.Post, "/admin/functions/RetentionTimer"))).StatusCode);
        var waited = await app.Host.Client.SendAsync(Admin(HttpMethod.Post, "/admin/functions/RetentionTimer?wait=true"));
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        Assert.Equal("Success", (await waited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var unkeyed = await app.Host.Client.PostAsync("/admin/functions/RetentionTimer", null);
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Host.Client.SendAsync(Admin(HttpMethod.Post, "/admin/functions/NoSuchTimer"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Host.Client.SendAsync(Admin(HttpMethod.Post, "/admin/functions/GetUsage"))).StatusCode);
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new("Bearer", LocalHostProcess.AdminKey) } };
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>One host process for the class, its roll-up on a one-second schedule.</summary>
    public sealed class Running : IAsyncLifetime
    {
        public LocalHostProcess Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = AzuriteServer.ConnectionString,
            ["Storage__TablePrefix"] = "h" + Guid.NewGuid().ToString("N")[..12],
            ["Timers__Rollup"] = "*/1 * * * * *",
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
