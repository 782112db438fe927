using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

public sealed class ReadinessTests : IDisposable
{
    private readonly StorageProxy _proxy = new(AzuriteServer.ConnectionString);
    private readonly UsageAppFactory _app;

    public ReadinessTests() => _app = new UsageAppFactory(_proxy.ConnectionString);

    public void Dispose()
    {
        _app.Dispose();
        _proxy.Dispose();
    }

    [Fact]
    public async Task ReadinessAnswersReadyWhileStorageAnswersAnd503OnceItStops()
    {
        using var client = _app.CreateClient();
        var ready = await client.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        _proxy.Cut();
        // Within the cache window the last answer stands; past it, storage is asked again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/ready")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromSeconds(6));
        var down = await client.GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.NotNull(down.Headers.RetryAfter);
        var body = await down.Content.ReadAsStringAsync();
        Assert.DoesNotContain(_app.TablePrefix, body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }
}
