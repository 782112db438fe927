using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Events;
using UsageFunctions.Tests.Corrections;
using UsageFunctions.Tests.Infrastructure;
using Xunit.Abstractions;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

/// <summary>
/// Ultravox reads filtered per call (duration, time of day, agent and voice together, metadata, search) are answered
/// from the roll-up's call digests, and from raw events only for hours the digests cannot answer. Every call here
/// carries the metadata <c>all=yes</c>, so adding <c>metadata.all=yes</c> to a query keeps its answer but sends it
/// through the text digests. The oracle is the raw calls themselves: with every digest row taken away for a moment,
/// each read counts raw events. All three answers must be identical, on randomized histories with redeliveries, late
/// events, voids, roll-ups at random points and an hour whose digests are missing (rolled up before digests existed).
/// </summary>
public sealed class UltravoxCallDigestTests : IDisposable
{
    private readonly UsageAppFactory _tables = new();
    private readonly ITestOutputHelper _output;

    /// <summary>The app on its own tables without the per-key rate limit: each step reads every filter twice, well over 20 a second.</summary>
    private UsageAppFactory App { get; }

    public UltravoxCallDigestTests(ITestOutputHelper output)
    {
        _output = output;
        App = _tables.WithSettings(new Dictionary<string, string> { ["RateLimits__PermitsPerMinute"] = "0" });
    }

    public void Dispose()
    {
        App.Dispose();
        _tables.Dispose();
    }

    private const string Calls = "/ultravox/api/accounts/me/usage/calls";
    private const string Agents = "/ultravox/api/agents/usage";
    private static readonly double[] Durations = [0, 0.5, 10.25, 30, 30.5, 45.5, 59.999999, 120, 600.125, 3_599];

    private static readonly string[] Filters =
    [
        "durationMin=30s",
        "durationMax=45.5s",
        "durationMin=10.25s&durationMax=120s",
        "timeOfDayStart=22:00&timeOfDayEnd=03:30",
        "timeOfDayStart=09:15:30&timeOfDayEnd=17:45",
        "agentIds=agent_1&voiceId=voice_2",
        "agentIds=agent_0,agent_3&durationMin=0.5s",
        "durationMin=0s&fromDate=2026-11-18T07:20:00Z&toDate=2026-11-19T16:40:00Z",
        "durationMax=3599s&fromDate=2026-11-19",
    ];

    /// <summary>Filters on a call's text: only the text digests (or raw calls) answer them.</summary>
    private static readonly string[] TextFilters =
    [
        "metadata.campaign=spring",
        "metadata.campaign=fall&durationMin=30s",
        "metadata.tier=gold&metadata.campaign=spring",
        "search=REFUND",
        "search=s37-2",
        "search=gold&agentIds=agent_1",
    ];

    [Theory]
    [InlineData(11)]
    [InlineData(37)]
    public async Task DigestsAnswerEveryPerCallFilterExactlyAsTheRawCallsDo(int seed)
    {
        var random = new Random(seed);
        var account = await TestAccount.CreateAsync(App);
        var sent = new List<(string Id, JsonObject Event)>();
        var compared = 0;
        for (var step = 0; step < 6; step++)
        {
            var now = App.Clock.GetUtcNow();
            var batch = new List<JsonObject>();
            for (var i = 0; i < 60; i++)
            {
                var created = now.AddSeconds(-random.Next(1, (step % 3 == 2 ? 80 : 6) * 3600));
                var id = $"s{seed}-{step}-{i}";
                batch.Add(RandomCall(random, id, created));
                sent.Add((id, batch[^1]));
            }
            batch.AddRange(Enumerable.Range(0, 3).Select(_ => sent[random.Next(sent.Count)].Event));
            await PostAsync(account, batch);
            if (random.NextDouble() < 0.4) await VoidAsync(account, sent[random.Next(sent.Count)].Id);
            // Past the roll-up's grace minutes, a roll-up leaves these hours digested (not pending); else they stay pending.
            App.Clock.Advance(TimeSpan.FromMinutes(random.Next(1, 40)));
            if (random.NextDouble() < 0.7) (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
            if (step == 4) await ForgetDigestsOfAnHourAsync(account, random);

            var queries = Filters.SelectMany(f => new[] { f, f + "&metadata.all=yes" }).Concat(TextFilters)
                .SelectMany(f => new[] { $"{Calls}?{f}", $"{Agents}?{f}" }).ToList();
            var raw = new Dictionary<string, string>();
            await WithoutDigestsAsync(account, async () =>
            {
                foreach (var query in queries) raw[query] = await ReadAsync(account, query);
            });
            foreach (var query in queries)
            {
                var digest = await ReadAsync(account, query);
                Assert.True(digest == raw[query], $"Seed {seed}, step {step}, {query}:{Environment.NewLine}{digest}{Environment.NewLine}{raw[query]}");
                compared++;
            }
            Assert.Contains(queries.Where(q => q.Contains("campaign=spring", StringComparison.Ordinal)), q => !raw[q].Contains("\"totalCount\":0", StringComparison.Ordinal));
        }
        _output.WriteLine($"Seed {seed}: {sent.Count} calls sent, {compared} answers compared.");
    }

    [Fact]
    public async Task AFilteredReadCountsTheDigestOfARolledUpHourNotItsRawCalls()
    {
        var account = await TestAccount.CreateAsync(App);
        var created = App.Clock.GetUtcNow().AddHours(-3);
        await PostAsync(account, [.. Enumerable.Range(0, 3).Select(i => RandomCall(new Random(i), $"c{i}", created.AddMinutes(i)))]);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        Assert.Contains("\"totalCount\":3", await ReadAsync(account, Calls + "?durationMin=0s"));

        // Keep only the first call of the hour's digest: the filtered read must now see one call, the raw scan still three.
        var table = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + "Aggregates");
        var digest = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey ge {CallDigestRows.DayPrefix} and RowKey lt {CallDigestRows.DayPrefix + "~~"}")).SingleAsync();
        await KeepFirstCallsAsync(table, digest, 1, CallDigestFamily.Figures);

        Assert.Contains("\"totalCount\":1", await ReadAsync(account, Calls + "?durationMin=0s"));
        Assert.Contains("\"totalCount\":3", await ReadAsync(account, Calls + "?durationMin=0s&metadata.all=yes"));

        // The same with the text digest: a text filter now sees two calls, a filter without text still one.
        var text = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey ge {CallDigestRows.TextDayPrefix} and RowKey lt {CallDigestRows.TextDayPrefix + "~~"}")).SingleAsync();
        await KeepFirstCallsAsync(table, text, 2, CallDigestFamily.Text);
        Assert.Contains("\"totalCount\":2", await ReadAsync(account, Calls + "?durationMin=0s&metadata.all=yes"));
        Assert.Contains("\"totalCount\":2", await ReadAsync(account, Calls + "?search=c"));
        Assert.Contains("\"totalCount\":1", await ReadAsync(account, Calls + "?durationMin=0s"));
    }

    [Fact]
    public async Task HourRowsWrittenBeforeDayRowsAreReadAndTheNextRollUpFoldsThemIntoTheDay()
    {
        var account = await TestAccount.CreateAsync(App);
        var first = RawEventKeys.HourStart(App.Clock.GetUtcNow().AddHours(-3));
        await PostAsync(account, [.. Enumerable.Range(0, 5).Select(i => RandomCall(new Random(i), $"c{i}", first.AddMinutes(i < 3 ? 10 + i : 70 + i)))]);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        Assert.Contains("\"totalCount\":5", await ReadAsync(account, Calls + "?durationMin=0s"));

        // The day as the version before day rows stored it: a JSON row per hour and family, the first hour's holding one
        // call of its three (so an answer of 3 can only come from that row, not from raw events).
        var table = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + "Aggregates");
        var dayRows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey ge {CallDigestRows.KeysFrom}")))
            dayRows.Add(row);
        Assert.Equal(2, dayRows.Count);
        foreach (var row in dayRows)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            var family = CallDigestRows.FamilyOf(row.RowKey);
            foreach (var hour in CallDigestRows.Decode(row).GroupBy(c => RawEventKeys.HourStart(c.CreatedAt)))
                await table.AddEntityAsync(JsonHourRow(row.PartitionKey, hour.Key, hour.Key == first ? [hour.First()] : [.. hour], family));
        }
        Assert.Contains("\"totalCount\":3", await ReadAsync(account, Calls + "?durationMin=0s"));
        Assert.Contains("\"totalCount\":3", await ReadAsync(account, Calls + "?durationMin=0s&metadata.all=yes"));

        // A late call in the second hour: the roll-up rewrites the day, keeping the first hour as its hour row says.
        await PostAsync(account, [RandomCall(new Random(9), "late", first.AddMinutes(100))]);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        var after = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey ge {CallDigestRows.KeysFrom}")))
            after.Add(row);
        Assert.All(after, row => Assert.False(CallDigestRows.IsHourRow(row.RowKey), row.RowKey));
        Assert.Equal(2, after.Count);
        Assert.All(after, row => Assert.Equal([first, first.AddHours(1)], CallDigestRows.HoursOf(row)));
        Assert.Contains("\"totalCount\":4", await ReadAsync(account, Calls + "?durationMin=0s"));
        Assert.Contains("\"totalCount\":4", await ReadAsync(account, Calls + "?durationMin=0s&metadata.all=yes"));
    }

    /// <summary>
    /// An hour's calls as the version before day rows wrote them: compact JSON in <c>D0</c> under <c>~calls~</c> or
    /// <c>~ctext~</c> (ticks after the hour, duration, billed or null, flags, agent and voice index, and for text rows the
    /// id, summary and metadata index).
    /// </summary>
    private static TableEntity JsonHourRow(string partition, DateTimeOffset hour, List<DigestCall> calls, CallDigestFamily family)
    {
        var agents = calls.Select(c => c.AgentId).OfType<string>().Distinct().ToList();
        var voices = calls.Select(c => c.VoiceId).OfType<string>().Distinct().ToList();
        var metadata = calls.Select(c => c.Text?.Metadata).OfType<IReadOnlyDictionary<string, string>>().Distinct().ToList();
        var entries = new JsonArray([.. calls.Select(c =>
        {
            var entry = new JsonArray(c.CreatedAt.UtcTicks - hour.UtcTicks, c.DurationSeconds, c.SecondsBilled, (c.Errored ? 1 : 0) | (c.Joined ? 2 : 0),
                c.AgentId is null ? -1 : agents.IndexOf(c.AgentId), c.VoiceId is null ? -1 : voices.IndexOf(c.VoiceId));
            if (family == CallDigestFamily.Text) { entry.Add(c.Text!.CallId); entry.Add(c.Text.Summary); entry.Add(metadata.IndexOf(c.Text.Metadata)); }
            return (JsonNode)entry;
        })]);
        var json = new JsonObject { ["a"] = new JsonArray([.. agents.Select(a => (JsonNode)a)]), ["v"] = new JsonArray([.. voices.Select(v => (JsonNode)v)]) };
        if (family == CallDigestFamily.Text)
            json["m"] = new JsonArray([.. metadata.Select(m => (JsonNode)new JsonObject(m.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))))]);
        json["c"] = entries;
        return new TableEntity(partition, CallDigestRows.HourKey(hour, family) + "000") { ["Calls"] = calls.Count, ["D0"] = json.ToJsonString() };
    }

    /// <summary>Rewrites a digest row with only its first <paramref name="calls"/> calls.</summary>
    private static async Task KeepFirstCallsAsync(TableClient table, TableEntity row, int calls, CallDigestFamily family)
    {
        var kept = Assert.Single(CallDigestRows.Encode(row.PartitionKey, CallDigestRows.DayOf(row.RowKey), CallDigestRows.Decode(row).Take(calls),
            row.GetInt32("Hours")!.Value, family));
        Assert.Equal(row.RowKey, kept.RowKey);
        await table.UpdateEntityAsync(kept, row.ETag, TableUpdateMode.Replace);
    }

    private static JsonObject RandomCall(Random random, string id, DateTimeOffset created)
    {
        var reason = new[] { "hangup", "agent_hangup", "unjoined", "connection_error", "system_error" }[random.Next(5)];
        var billing = random.Next(3) == 0 ? "FREE_CONSOLE" : "BILLED";
        var duration = Durations[random.Next(Durations.Length)];
        var metadata = new JsonObject { ["all"] = "yes" };
        if (random.Next(3) > 0) metadata["campaign"] = random.Next(2) == 0 ? "spring" : "fall";
        if (random.Next(3) == 0) metadata["tier"] = random.Next(2) == 0 ? "gold" : "Silver";
        var summary = random.Next(3) switch { 0 => null, 1 => "Asked about a Refund, \"quoted\" é", _ => $"Summary of {id}" };
        var call = UltravoxCalls.Call(id, created, duration, random.Next(5) == 0 ? null : $"agent_{random.Next(4)}",
            random.Next(6) == 0 ? null : $"voice_{random.Next(3)}", reason, billing, Math.Floor(duration / 2), metadata, summary);
        if (random.Next(4) == 0) call["data"]!.AsObject().Remove("billedSeconds");
        return call;
    }

    private async Task PostAsync(TestAccount account, List<JsonObject> batch)
    {
        using var client = App.CreateClient();
        foreach (var chunk in batch.Chunk(100))
        {
            using var response = await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. chunk])));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task VoidAsync(TestAccount account, string id)
    {
        using var client = App.CreateClient();
        (await client.SendAsync(VoidRequests.Keyed(account.WriteKey, new { source = "/tests", id, reason = "test call" }))).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Takes one digested hour with calls out of its day's digests (both families: its calls and its bit of the day's
    /// hours), as for an hour rolled up before digests existed.
    /// </summary>
    private async Task ForgetDigestsOfAnHourAsync(TestAccount account, Random random)
    {
        var table = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + "Aggregates");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey ge {CallDigestRows.KeysFrom}")))
            rows.Add(row);
        var hours = rows.Where(r => CallDigestRows.IsDigest(r.RowKey)).SelectMany(CallDigestRows.Decode)
            .Select(c => RawEventKeys.HourStart(c.CreatedAt)).Distinct().Order().ToList();
        Assert.NotEmpty(hours);
        var hour = hours[random.Next(hours.Count)];
        var day = new DateTimeOffset(hour.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var family in new[] { CallDigestFamily.Figures, CallDigestFamily.Text })
        {
            var dayRows = rows.Where(r => CallDigestRows.FamilyOf(r.RowKey) == family && CallDigestRows.DayOf(r.RowKey) == day).ToList();
            var calls = dayRows.SelectMany(CallDigestRows.Decode).Where(c => RawEventKeys.HourStart(c.CreatedAt) != hour).ToList();
            var mask = dayRows[0].GetInt32("Hours")!.Value & ~(1 << hour.UtcDateTime.Hour);
            foreach (var row in dayRows) await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            foreach (var row in CallDigestRows.Encode(dayRows[0].PartitionKey, day, calls, mask, family)) await table.AddEntityAsync(row);
        }
    }

    /// <summary>Runs <paramref name="read"/> with every digest row of the account (both families) taken away, then puts them back as they were.</summary>
    private async Task WithoutDigestsAsync(TestAccount account, Func<Task> read)
    {
        var table = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + "Aggregates");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {account.Id + "~d~"} and PartitionKey lt {account.Id + "~d~~"} and RowKey ge {CallDigestRows.KeysFrom}")))
            rows.Add(row);
        foreach (var row in rows) await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        try
        {
            await read();
        }
        finally
        {
            foreach (var row in rows) await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }
    }

    private async Task<string> ReadAsync(TestAccount account, string url)
    {
        var (status, body) = await GetAsync(App, url, r => r.Headers.Add("X-API-Key", account.ReadKey));
        Assert.True(status == 200, $"{url}: {status} {body}");
        return JsonSerializer.Serialize(body);
    }
}
