using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>An event whose text is not Unicode is rejected on its own: the rest of its batch is stored, on both routes.</summary>
public sealed class UnicodeIngestionTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Theory]
    [InlineData("keyed", "\\ud800")]
    [InlineData("keyed", "@@E9@@")]
    [InlineData("signed", "\\ud800")]
    [InlineData("signed", "@@E9@@")]
    public async Task ABatchWithOneEventThatIsNotUnicodeStoresTheOthers(string route, string text)
    {
        var (account, client, now) = await SetUpAsync();
        var bad = IngestionCorpus.Single(now, "data.metadata.campaign", text);
        var good = Encoding.UTF8.GetBytes(IngestionCorpus.Baseline(now).ToJsonString());
        byte[] body = [(byte)'[', .. bad, (byte)',', .. good, (byte)']'];

        var response = await client.SendAsync(Request(route, account, body, "application/cloudevents-batch+json", now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal("rejected", results[0].GetProperty("status").GetString());
        Assert.Equal("invalid_field", results[0].GetProperty("reason").GetString());
        Assert.Equal("accepted", results[1].GetProperty("status").GetString());
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/events") { Headers = { Authorization = new("Bearer", account.ReadKey) } };
        var stored = (await (await client.SendAsync(read)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events");
        Assert.Equal(1, stored.GetArrayLength());
    }

    [Theory]
    [InlineData("keyed")]
    [InlineData("signed")]
    public async Task ASingleEventThatIsNotUnicodeAnswers422AndABodyThatIsNotUtf8Answers400(string route)
    {
        var (account, client, now) = await SetUpAsync();
        var single = IngestionCorpus.Single(now, "id", "\\udfff");
        var response = await client.SendAsync(Request(route, account, single, "application/cloudevents+json", now));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid_envelope", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var latin1 = Encoding.Latin1.GetBytes("\u00e9\u00e8");
        var whole = await client.SendAsync(Request(route, account, latin1, "application/cloudevents+json", now));
        Assert.Equal(HttpStatusCode.BadRequest, whole.StatusCode);
        Assert.Equal("application/problem+json", whole.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(TestAccount Account, HttpClient Client, DateTimeOffset Now)> SetUpAsync() =>
        (await TestAccount.CreateAsync(shared.App), shared.App.CreateClient(), shared.App.Clock.GetUtcNow());

    private static HttpRequestMessage Request(string route, TestAccount account, byte[] body, string contentType, DateTimeOffset now)
    {
        if (route == "signed") return IngestionCorpus.Signed(account, body, contentType, now);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Headers = { Authorization = new("Bearer", account.WriteKey) } };
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new(contentType);
        return request;
    }
}
