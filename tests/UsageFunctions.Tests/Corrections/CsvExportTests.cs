using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Corrections;

public sealed class CsvExportTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task EventsCsvHoldsWhatTheJsonHoldsWithQuotingThatSurvivesAParser()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var tricky = TestEvents.Message(Now.AddMinutes(-3), "id, with \"quotes\"", "/tests/a,b");
        // Ids are plain text; a subject may hold line breaks, which CSV must quote.
        tricky["subject"] = " padded\r\nand lines ";
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(tricky, TestEvents.Call(Now.AddMinutes(-40), 61.5, "c-1"))));
        await client.SendAsync(VoidRequests.Keyed(account.WriteKey, new { source = "/tests", id = "c-1", reason = "wrong, \"really\"" }));
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        const string query = "/api/events?includeVoided=true";

        var json = await client.GetFromJsonAsync<JsonElement>(query);
        var byFormat = await client.GetAsync(query + "&format=csv");
        using var accept = new HttpRequestMessage(HttpMethod.Get, query) { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/csv") } } };
        var byAccept = await client.SendAsync(accept);

        Assert.Equal("text/csv", byFormat.Content.Headers.ContentType?.MediaType);
        var text = await byFormat.Content.ReadAsStringAsync();
        Assert.Equal(text, await byAccept.Content.ReadAsStringAsync());
        var (header, rows) = CsvText.Parse(text);
        Assert.Equal(["id", "source", "type", "time", "occurredAt", "receivedAt", "subject", "data", "voidedAt", "voidedBy", "voidReason"], header);
        var events = json.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(events.Count, rows.Count);
        foreach (var (e, row) in events.Zip(rows))
        {
            Assert.Equal(e.GetProperty("id").GetString(), row["id"]);
            Assert.Equal(e.GetProperty("source").GetString(), row["source"]);
            Assert.Equal(e.GetProperty("occurredAt").GetDateTimeOffset(), Instant(row["occurredAt"]));
            Assert.Equal(e.GetProperty("receivedAt").GetDateTimeOffset(), Instant(row["receivedAt"]));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(e.GetProperty("data").GetRawText()), JsonNode.Parse(row["data"])));
            Assert.Equal(e.TryGetProperty("void", out var v) ? v.GetProperty("reason").GetString() : "", row["voidReason"]);
        }
        Assert.Equal(" padded\r\nand lines ", rows.Single(r => r["id"].StartsWith("id, with", StringComparison.Ordinal))["subject"]);
        Assert.Equal("wrong, \"really\"", rows.Single(r => r["id"] == "c-1")["voidReason"]);
    }

    [Fact]
    public async Task EventsCsvPagesLikeTheJsonWithTheContinuationInAHeader()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. Enumerable.Range(0, 7).Select(i => TestEvents.Message(Now.AddMinutes(-i - 1), $"m-{i}"))])));
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);

        var ids = new List<string>();
        var url = "/api/events?format=csv&limit=3";
        for (var page = 0; page < 3; page++)
        {
            var response = await client.GetAsync(url);
            var (_, rows) = CsvText.Parse(await response.Content.ReadAsStringAsync());
            ids.AddRange(rows.Select(r => r["id"]));
            var json = await client.GetFromJsonAsync<JsonElement>(url.Replace("format=csv", "format=json"));
            Assert.Equal(json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()), rows.Select(r => r["id"]));
            var token = response.Headers.TryGetValues("Continuation-Token", out var values) ? values.Single() : null;
            Assert.Equal(json.GetProperty("continuation").GetString(), token);
            if (token is null) break;
            url = "/api/events?format=csv&limit=3&continuation=" + Uri.EscapeDataString(token);
        }
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"m-{i}").Order(), ids.Order());
    }

    [Theory]
    [InlineData("meter=messages")]
    [InlineData("meter=messages&grain=hour")]
    [InlineData("meter=messages&groupBy=direction")]
    [InlineData("meter=call_seconds&grain=day&groupBy=agent")]
    public async Task UsageCsvHoldsWhatTheJsonHolds(string query)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddHours(-3)), TestEvents.Message(Now.AddMinutes(-5)),
            TestEvents.Call(Now.AddHours(-2), 75.25))));
        await App.RunTimerAsync("RollupTimer");
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var window = $"&from={Uri.EscapeDataString(Now.AddHours(-6).ToString("O"))}&to={Uri.EscapeDataString(Now.AddHours(1).ToString("O"))}";

        var json = await client.GetFromJsonAsync<JsonElement>("/api/usage?" + query + window);
        var csv = await client.GetAsync("/api/usage?" + query + window + "&format=csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var (header, rows) = CsvText.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal(["meter", "unit", "row", "start", "end", "dimension", "value", "asOf"], header);
        var total = rows.Single(r => r["row"] == "total");
        Assert.Equal(json.GetProperty("total").GetDecimal(), decimal.Parse(total["value"], CultureInfo.InvariantCulture));
        Assert.Equal(json.GetProperty("from").GetDateTimeOffset(), Instant(total["start"]));
        var points = json.TryGetProperty("series", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList() : [];
        Assert.Equal(points.Select(p => (p.GetProperty("start").GetDateTimeOffset(), p.GetProperty("value").GetDecimal())),
            rows.Where(r => r["row"] == "point").Select(r => (Instant(r["start"]), decimal.Parse(r["value"], CultureInfo.InvariantCulture))));
        var byDimension = json.TryGetProperty("byDimension", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal()) : [];
        Assert.Equal(byDimension, rows.Where(r => r["row"] == "dimension")
            .ToDictionary(r => r["dimension"], r => decimal.Parse(r["value"], CultureInfo.InvariantCulture)));
    }

    private static DateTimeOffset Instant(string text)
    {
        Assert.EndsWith("Z", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
