using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Usage;

/// <summary>
/// Storage requests per read, counted at the app's table client, over a history whose raw edge hours each span
/// several pages (the service returns at most 1,000 rows a page): the cost of a read must not grow with the history.
/// </summary>
public sealed class ReadRequestCountTests(ITestOutputHelper output)
{
    /// <summary>
    /// Every read endpoint and the most storage requests one read may send once the roll-up has caught up: 4. AgentPhone
    /// <c>/v1/usage</c>, whose windows end now, reads the current hour (1,200 events here, two pages of raw events) from
    /// its batch summaries; Ultravox reads filtered per call come from the call digests, text filters (metadata, search)
    /// from the text digests.
    /// </summary>
    public static readonly (string Path, bool ApiKeyHeader, int Max)[] Reads =
    [
        ("/vocode/v1/usage/", false, 4),
        ("/agentphone/v1/usage", false, 4),
        ("/agentphone/v1/usage/daily", false, 4),
        ("/agentphone/v1/usage/monthly", false, 4),
        ("/agentphone/v1/usage/by-number", false, 4),
        ("/agentphone/v1/usage/by-agent?period=month", false, 4),
        ("/ultravox/api/accounts/me/usage/calls", true, 4),
        ("/ultravox/api/accounts/me/usage/calls?durationMin=30s", true, 4),
        ("/ultravox/api/accounts/me/usage/calls?timeOfDayStart=08:00&timeOfDayEnd=17:00&agentIds=agent_1&voiceId=v", true, 4),
        ("/ultravox/api/agents/usage?durationMax=60s", true, 4),
        ("/ultravox/api/accounts/me/usage/calls?metadata.campaign=spring", true, 4),
        ("/ultravox/api/agents/usage?search=spring", true, 4),
        ("/ultravox/api/agents/usage", true, 4),
        ("/billing/api/billing/usage", false, 4),
        ("/billing/api/billing/usage?startDate=2026-10-25&endDate=2026-11-19T18:30:00Z", false, 4),
        ("/api/usage?meter=calls&groupBy=agent&grain=day", false, 4),
        ("/api/usage?meter=calls&groupBy=agent&grain=hour&from=2026-11-18T00:00:00Z", false, 4),
        ("/api/usage/period", false, 4),
        ("/api/events?limit=100", false, 4),
    ];

    [Fact]
    public async Task NoReadEndpointSendsMoreStorageRequestsThanItsBoundOverAHistoryOfManyPages()
    {
        var policy = new StorageRequestPolicy();
        using var tables = new UsageAppFactory();
        using var app = StorageRequestPolicy.Instance(tables, policy);
        app.Clock.Advance(TimeSpan.FromMinutes(37));
        var account = await TestAccount.CreateAsync(app);
        var now = app.Clock.GetUtcNow();
        // Busy edge hours of the rolling windows (24 h, 7 d, 30 d ago and the current hour) and a spread over 33 days.
        var times = new List<DateTimeOffset>();
        foreach (var edge in new[] { now.AddHours(-24), now.AddDays(-7), now.AddDays(-30), now.AddMinutes(-15) })
            for (var i = 0; i < 1_200; i++) times.Add(Hour(edge).AddSeconds(i % 3_000 * 1.1 % 3_000));
        for (var i = 0; i < 600; i++) times.Add(now.AddMinutes(-20 - i * 79));
        await SendAsync(app, account, times);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        var measured = new List<(string Path, int Requests, int Max)>();
        foreach (var (path, apiKeyHeader, max) in Reads)
        {
            await ReadAsync(app, account, path, apiKeyHeader);
            var before = policy.Sent.Count;
            await ReadAsync(app, account, path, apiKeyHeader);
            var sent = policy.Sent.Skip(before).ToList();
            measured.Add((path, sent.Count, max));
            if (sent.Count > 4) output.WriteLine($"{path}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", sent)}");
        }
        foreach (var (path, requests, max) in measured) output.WriteLine($"{requests,3} (≤ {max})  {path}");
        Assert.All(measured, m => Assert.True(m.Requests <= m.Max, $"{m.Path}: {m.Requests} storage requests, at most {m.Max} expected."));
    }

    private static DateTimeOffset Hour(DateTimeOffset instant) => new(instant.Year, instant.Month, instant.Day, instant.Hour, 0, 0, TimeSpan.Zero);

    private static async Task SendAsync(UsageAppFactory app, TestAccount account, List<DateTimeOffset> times)
    {
        using var client = app.CreateClient();
        foreach (var chunk in times.Chunk(100))
        {
            var events = chunk.Select((t, i) => i % 3 == 0 ? TestEvents.Message(t) : TestEvents.Call(t.AddSeconds(-90), 90 - i % 40));
            (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. events])))).EnsureSuccessStatusCode();
        }
    }

    private static async Task ReadAsync(UsageAppFactory app, TestAccount account, string path, bool apiKeyHeader)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKeyHeader) request.Headers.Add("X-API-Key", account.ReadKey);
        else request.Headers.Authorization = new("Bearer", account.ReadKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
