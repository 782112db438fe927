using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Corrections;

public sealed class EventsPagingTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Theory]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("limit=1e3")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=99999999999999999999")]
    [InlineData("limit=10&limit=20")]
    [InlineData("limit=")]
    [InlineData("limit=+5")]
    [InlineData("limit=%205")]
    [InlineData("includeVoided=yes")]
    [InlineData("format=xml")]
    [InlineData("continuation=not-a-token")]
    public async Task BadQueryAnswers400ProblemDetails(string query)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);

        var response = await client.GetAsync("/api/events?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PagesFollowTheContinuationUntilEveryEventWasListedOnce()
    {
        var account = await TestAccount.CreateAsync(App);
        var sent = await SendSpreadAsync(account, 1150);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);

        var listed = new List<string>();
        var url = $"/api/events?limit=400&from={Uri.EscapeDataString(Now.AddHours(-30).ToString("O"))}";
        var pages = 0;
        for (string? token = null; pages == 0 || token is not null; pages++)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(token is null ? url : "/api/events?limit=400&continuation=" + Uri.EscapeDataString(token));
            listed.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            token = page.GetProperty("continuation").GetString();
        }

        Assert.Equal(3, pages);
        Assert.Equal(sent.Order(), listed.Order());
    }

    [Fact]
    public async Task CsvWithoutALimitStreamsTheWholeWindowPastOnePage()
    {
        var account = await TestAccount.CreateAsync(App);
        var sent = await SendSpreadAsync(account, 1150);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);

        var response = await client.GetAsync($"/api/events?format=csv&from={Uri.EscapeDataString(Now.AddHours(-30).ToString("O"))}",
            HttpCompletionOption.ResponseHeadersRead);

        Assert.False(response.Headers.Contains("Continuation-Token"));
        var (_, rows) = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(sent.Order(), rows.Select(r => r["id"]).Order());
    }

    [Fact]
    public async Task ContinuationOfAnotherAccountIsRefused()
    {
        var account = await TestAccount.CreateAsync(App);
        var other = await TestAccount.CreateAsync(App);
        await SendSpreadAsync(account, 30);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/events?limit=5")).GetProperty("continuation").GetString()!;

        client.DefaultRequestHeaders.Authorization = new("Bearer", other.ReadKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/events?continuation=" + Uri.EscapeDataString(token))).StatusCode);

        var forged = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlDecode(token)))!;
        forged["Account"] = other.Id;
        var rebound = Convert.ToBase64String(Encoding.UTF8.GetBytes(forged.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/events?continuation=" + rebound)).StatusCode);
    }

    /// <summary>Sends messages over the last day from several sources (so several hours and shards), answering their ids.</summary>
    private async Task<List<string>> SendSpreadAsync(TestAccount account, int count)
    {
        using var client = App.CreateClient();
        var ids = new List<string>();
        var events = Enumerable.Range(0, count)
            .Select(i => TestEvents.Message(Now.AddMinutes(-1 - i * 1.1), $"m-{i}", $"/tests/{i % 5}")).ToList();
        foreach (var chunk in events.GroupBy(e => e["source"]!.ToString()).SelectMany(g => g.Chunk(100)))
        {
            var response = await client.SendAsync(account.KeyedPost(TestEvents.Batch(chunk)));
            Assert.Equal(chunk.Length, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
            ids.AddRange(chunk.Select(e => e["id"]!.ToString()));
        }
        return ids;
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
