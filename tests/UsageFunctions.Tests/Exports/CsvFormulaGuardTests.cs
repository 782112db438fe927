using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Corrections;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Exports;

/// <summary>A spreadsheet opening an export must not run client text as a formula (OWASP CSV injection).</summary>
public sealed class CsvFormulaGuardTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task EventTextThatStartsAFormulaGetsALeadingQuoteWhileInstantsStayAsTheyAre()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        string[] ids = ["=HYPERLINK(\"http://example.com\",\"x\")", "+1+2", "-3", "@SUM(A1:A2)", "plain-id"];
        var events = ids.Select((id, i) => TestEvents.Message(Now.AddMinutes(-i - 1), id)).ToArray();
        events[0]["subject"] = "\tcmd";
        events[1]["subject"] = "\r\n=1+1";
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(events)))).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);

        var json = await client.GetFromJsonAsync<JsonElement>("/api/events");
        var (_, rows) = CsvText.Parse(await client.GetStringAsync("/api/events?format=csv"));

        Assert.Equal(ids.Length, rows.Count);
        foreach (var e in json.GetProperty("events").EnumerateArray())
        {
            var id = e.GetProperty("id").GetString()!;
            var row = rows.Single(r => r["id"] == Guarded(id));
            Assert.Equal(e.GetProperty("occurredAt").GetDateTimeOffset(),
                DateTimeOffset.Parse(row["occurredAt"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(e.GetProperty("data").GetRawText()), JsonNode.Parse(row["data"])));
        }
        Assert.Equal("plain-id", rows.Single(r => r["id"] == "plain-id")["id"]);
        Assert.Equal("'\tcmd", rows.Single(r => r["id"] == Guarded(ids[0]))["subject"]);
        Assert.Equal("'\r\n=1+1", rows.Single(r => r["id"] == Guarded(ids[1]))["subject"]);
        Assert.All(rows.SelectMany(r => r.Values).Where(v => v.Length > 0), v => Assert.DoesNotContain(v[0], "=+-@\t\r"));
    }

    [Fact]
    public async Task UsageDimensionValuesAreGuardedAndValuesStayNumbers()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var data = new JsonObject { ["phoneNumberId"] = "num_1", ["agentId"] = "=2+5" };
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Event("usage.message.sent", Now.AddMinutes(-5), data),
            TestEvents.Message(Now.AddMinutes(-4)))))).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);

        var (_, rows) = CsvText.Parse(await client.GetStringAsync("/api/usage?meter=messages&groupBy=agent&format=csv"));

        var byDimension = rows.Where(r => r["row"] == "dimension").ToDictionary(r => r["dimension"], r => r["value"]);
        Assert.Equal(new Dictionary<string, string> { ["'=2+5"] = "1", ["agent_1"] = "1" }, byDimension);
        Assert.Equal(2m, decimal.Parse(rows.Single(r => r["row"] == "total")["value"], CultureInfo.InvariantCulture));
        Assert.EndsWith("Z", rows[0]["start"]);
    }

    private static string Guarded(string text) => "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
}
