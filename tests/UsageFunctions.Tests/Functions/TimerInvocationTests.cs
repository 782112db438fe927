using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UsageFunctions.App.Functions;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

public sealed class TimerInvocationTests : AppTest
{
    [Fact]
    public async Task HostTimerPayloadIsAnsweredWithTheInvocationResponse()
    {
        var response = await App.RunTimerAsync("RetentionTimer", isPastDue: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Empty(body.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        Assert.Contains("Purged", body.GetProperty("Logs")[0].GetString());
    }

    [Fact]
    public async Task MalformedTimerPayloadIsRefusedWithTheSameShape()
    {
        using var client = App.CreateAdminClient();
        var response = await client.PostAsync("/RetentionTimer", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("Logs", out _));
    }

    [Fact]
    public async Task StandaloneTimerRunsNeedTheAdminKey()
    {
        using var client = App.CreateClient();
        var response = await client.PostAsync("/RetentionTimer", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"Data":{"timer":{"ScheduleStatus":{"Last":"2026-11-20T11:59:00+00:00","Next":"2026-11-20T12:00:00+00:00","LastUpdated":"2026-11-20T11:59:00.5+00:00"},"IsPastDue":true}},"Metadata":{}}""", true, true)]
    [InlineData("""{"data":{"myTimer":{"scheduleStatus":{"last":"11/20/2026 11:59:00","next":"2026-11-20T12:00:00Z"},"isPastDue":false}}}""", false, true)]
    [InlineData("""{"Data":{"timer":{"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""", false, false)]
    [InlineData("""{"Data":{"timer":"{\"ScheduleStatus\":{\"Last\":\"2026-11-20T11:59:00Z\"},\"IsPastDue\":true}"}}""", true, true)]
    [InlineData("", false, false)]
    public void TimerPayloadsAreReadLeniently(string payload, bool pastDue, bool hasLast)
    {
        var info = TimerPayload.Read(Encoding.UTF8.GetBytes(payload));
        Assert.NotNull(info);
        Assert.Equal(pastDue, info.IsPastDue);
        Assert.Equal(hasLast, info.Last is not null);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{broken")]
    public void NonObjectTimerPayloadsAreRefused(string payload) => Assert.Null(TimerPayload.Read(Encoding.UTF8.GetBytes(payload)));
}
