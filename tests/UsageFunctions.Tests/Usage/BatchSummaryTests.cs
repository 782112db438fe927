using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Corrections;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Usage;

/// <summary>
/// Hours the roll-up has not covered (the current hour so far, pending hours) are read from the batch summaries each
/// ingestion transaction stores on its first event: one row per transaction instead of a page per 1,000 events, and
/// exactly the figures a recount of the raw events gives.
/// </summary>
public sealed class BatchSummaryTests(ITestOutputHelper output) : AppTest
{
    private static readonly string[] Agents = ["agent_a", "agent_b", "agent_c"];

    /// <summary>
    /// Randomized current hours: new events (some dated up to four minutes ahead of the clock, as producers' clocks
    /// may be), redeliveries of earlier ones, repeats inside a request, voids and roll-ups at random points. After every
    /// step, windows that end now equal a recount of the events not voided, in total and by agent.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(23)]
    public async Task WindowsEndingNowEqualARecountWithRedeliveriesVoidsAndEventsDatedAhead(int seed)
    {
        var random = new Random(seed);
        var account = await TestAccount.CreateAsync(App);
        var query = App.Services.GetRequiredService<IUsageQuery>();
        var sent = new Dictionary<string, (JsonObject Event, DateTimeOffset At, string Type, string Agent, double Seconds)>();
        var voided = new HashSet<string>();
        using var client = App.CreateClient();
        var compared = 0;
        for (var step = 0; step < 14; step++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(random.Next(1, 25)));
            var now = App.Clock.GetUtcNow();
            var batch = new List<JsonObject>();
            for (var i = random.Next(20, 260); i > 0; i--)
            {
                var roll = random.NextDouble();
                if (roll < 0.08 && sent.Count > 0) batch.Add(sent.Values.ElementAt(random.Next(sent.Count)).Event);
                else if (roll < 0.12 && batch.Count > 0) batch.Add(batch[random.Next(batch.Count)]);
                else batch.Add(NewEvent(random, now, sent));
            }
            foreach (var chunk in batch.Chunk(100))
            {
                var response = await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. chunk])));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").GetInt32());
            }
            if (random.NextDouble() < 0.3) await VoidAsync(random, account, sent, voided, now);
            if (random.NextDouble() < 0.3) (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

            now = App.Clock.GetUtcNow();
            var hour = RawEventKeys.HourStart(now);
            foreach (var (from, to) in new[] { (hour, now), (hour, now.AddTicks(1)), (hour.AddHours(-2), now), (now.AddMinutes(-30), now) })
            {
                var counted = sent.Where(s => !voided.Contains(s.Key) && s.Value.At >= from && s.Value.At < to).Select(s => s.Value).ToList();
                foreach (var (meter, value) in new (string, Func<(JsonObject, DateTimeOffset, string Type, string, double Seconds), decimal>)[]
                {
                    (MeterKeys.Messages, e => e.Type == "message" ? 1 : 0),
                    (MeterKeys.Calls, e => e.Type == "call" ? 1 : 0),
                    (MeterKeys.CallSeconds, e => e.Type == "call" ? (decimal)e.Seconds : 0),
                })
                {
                    var read = await query.TotalAsync(account.Id, meter, from, to, "agent", CancellationToken.None);
                    var what = $"step {step}, {meter} over [{from:O}, {to:O})";
                    Assert.True(Math.Abs((double)counted.Sum(value) - read.Total) < 1e-9, $"{what}: expected {counted.Sum(value)}, read {read.Total}");
                    foreach (var agent in Agents)
                    {
                        var expected = (double)counted.Where(e => e.Agent == agent).Sum(value);
                        Assert.True(Math.Abs(expected - read.ByDimension.GetValueOrDefault(agent)) < 1e-9,
                            $"{what}, {agent}: expected {expected}, read {read.ByDimension.GetValueOrDefault(agent)}");
                    }
                    compared++;
                }
            }
        }
        output.WriteLine($"Seed {seed}: {sent.Count} events, {voided.Count} voided, {compared} figures compared.");
    }

    /// <summary>
    /// The current hour is read from the summaries (editing one changes the answer), unless the hour holds a voided
    /// event, a summary computed by another meter catalog, or lies before the hour summaries are complete from: then
    /// its raw events answer, and the edited summary changes nothing.
    /// </summary>
    [Fact]
    public async Task TheCurrentHourIsReadFromItsSummariesAndFromRawEventsWhenTheyCannotAnswer()
    {
        App.Clock.Advance(TimeSpan.FromMinutes(40));
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var now = App.Clock.GetUtcNow();
        var hour = RawEventKeys.HourStart(now);
        var ids = Enumerable.Range(0, 250).Select(i => $"m{i}").ToList();
        foreach (var chunk in ids.Chunk(100))
        {
            var events = chunk.Select(id => TestEvents.Message(hour.AddSeconds(int.Parse(id[1..]) % (int)(now - hour).TotalSeconds), id));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. events])))).StatusCode);
        }
        var query = App.Services.GetRequiredService<IUsageQuery>();
        async Task<double> MessagesAsync(IUsageQuery q) => (await q.TotalAsync(account.Id, MeterKeys.Messages, hour, now, null, CancellationToken.None)).Total;
        Assert.Equal(250, await MessagesAsync(query));

        var raw = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + TableNames.RawEvents);
        var carriers = new List<TableEntity>();
        await foreach (var row in raw.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey gt {account.Id} and PartitionKey lt {account.Id + "~~"} and SumEvents gt {0}")))
            carriers.Add(row);
        Assert.Equal(3, carriers.Count);
        Assert.Equal(250, carriers.Sum(c => c.GetInt32("SumEvents")));
        // Ten more messages in one summary, nowhere else: the read now says 260.
        var edited = carriers.First(c => c.GetInt32("SumEvents") == 100);
        var figures = edited.GetString("SumC0");
        Assert.Contains("[\"messages\",\"_all\",\"\",\"100\"]", figures);
        edited["SumC0"] = figures.Replace("[\"messages\",\"_all\",\"\",\"100\"]", "[\"messages\",\"_all\",\"\",\"110\"]");
        await raw.UpdateEntityAsync(edited, edited.ETag, TableUpdateMode.Replace);
        Assert.Equal(260, await MessagesAsync(query));

        // An instance whose summaries are complete only from a later hour reads this one raw.
        var state = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + TableNames.RollupState);
        var coverage = (await state.GetEntityAsync<TableEntity>(BatchSummaryCoverage.Key, BatchSummaryCoverage.Key)).Value;
        Assert.Equal(DateTimeOffset.MinValue.UtcTicks, coverage.GetInt64("Since"));
        coverage["Since"] = hour.AddHours(1).UtcTicks;
        await state.UpdateEntityAsync(coverage, coverage.ETag, TableUpdateMode.Replace);
        using (var later = App.WithServices(_ => { }))
            Assert.Equal(250, await MessagesAsync(later.Services.GetRequiredService<IUsageQuery>()));

        // A summary of another catalog (another build, other custom meters) is not merged with this one's.
        var other = (await raw.GetEntityAsync<TableEntity>(edited.PartitionKey, edited.RowKey)).Value;
        other["SumCatalog"] = "0000000000000000";
        await raw.UpdateEntityAsync(other, other.ETag, TableUpdateMode.Replace);
        Assert.Equal(250, await MessagesAsync(query));
        other["SumCatalog"] = App.Services.GetRequiredService<MeterCatalog>().Fingerprint;
        await raw.UpdateEntityAsync(other, ETag.All, TableUpdateMode.Replace);
        Assert.Equal(260, await MessagesAsync(query));

        // A void leaves its mark beside the event: the summaries still count the event, so the hour is read raw.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(VoidRequests.Keyed(account.WriteKey,
            new[] { new { source = "/tests", id = "m7", reason = "test traffic" } }))).StatusCode);
        Assert.Equal(249, await MessagesAsync(query));
        output.WriteLine($"{carriers.Count} summaries for 250 events");
    }

    /// <summary>
    /// A busy current hour costs one query of its summaries however many events it holds, plus one for the batches
    /// with events dated after now, instead of a page per 1,000 events.
    /// </summary>
    [Fact]
    public async Task ABusyCurrentHourIsOneQueryOfSummariesPlusOneForBatchesDatedAhead()
    {
        var policy = new StorageRequestPolicy();
        using var app = StorageRequestPolicy.Instance(App, policy);
        App.Clock.Advance(TimeSpan.FromMinutes(40));
        var account = await TestAccount.CreateAsync(app);
        var now = app.Clock.GetUtcNow();
        var hour = RawEventKeys.HourStart(now);
        using var client = app.CreateClient();
        var times = Enumerable.Range(0, 2_500).Select(i => hour.AddSeconds(i % (int)(now - hour).TotalSeconds)).ToList();
        foreach (var chunk in times.Chunk(100))
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. chunk.Select(t => TestEvents.Message(t))])))).StatusCode);
        var query = app.Services.GetRequiredService<IUsageQuery>();

        Assert.Equal(2_500, await CountedAsync());
        Assert.Single(RawReads(), r => r.Contains("SumEvents gt 0"));

        // Two producers whose clocks run three minutes ahead: their batches are read whole, by batch id, in one query.
        foreach (var source in new[] { "/tests/ahead-1", "/tests/ahead-2" })
        {
            var ahead = Enumerable.Range(0, 60).Select(i => TestEvents.Message(now.AddSeconds(-50 + i * 4), source: source));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. ahead])))).StatusCode);
        }
        Assert.Equal(2_500 + 2 * 13, await CountedAsync());
        var reads = RawReads();
        Assert.Equal(2, reads.Count);
        Assert.Contains("SumEvents gt 0", reads[0]);
        Assert.Contains("SumBatch eq", reads[1]);
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(2_500 + 2 * 60, await CountedAsync());

        async Task<double> CountedAsync()
        {
            policy.Sent.Clear();
            return (await query.TotalAsync(account.Id, MeterKeys.Messages, hour, app.Clock.GetUtcNow(), null, CancellationToken.None)).Total;
        }

        List<string> RawReads()
        {
            var reads = policy.Sent.Where(s => s.Contains("RawEvents()", StringComparison.Ordinal)).ToList();
            output.WriteLine(string.Join(Environment.NewLine, reads));
            return reads;
        }
    }

    /// <summary>
    /// A batch whose figures would not fit the summary's properties (100 calls, each with its own long agent, voice and
    /// number ids) stores an unusable summary, and its hour is counted from raw events, still exactly.
    /// </summary>
    [Fact]
    public async Task ABatchTooVariedToSummariseIsCountedFromItsRawEvents()
    {
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        var account = await TestAccount.CreateAsync(App);
        var now = App.Clock.GetUtcNow();
        var hour = RawEventKeys.HourStart(now);
        string Id(string kind, int i) => $"{kind}_{i:D3}_" + new string((char)('a' + i % 26), 52);
        var calls = Enumerable.Range(0, 100).Select(i =>
        {
            var call = TestEvents.Call(hour.AddSeconds(i * 10), 60);
            call["data"]!["agentId"] = Id("agent", i);
            call["data"]!["voiceId"] = Id("voice", i);
            call["data"]!["phoneNumberId"] = Id("num", i);
            return call;
        });
        using var client = App.CreateClient();
        var response = await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. calls])));
        Assert.Equal(100, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());

        var raw = new TableServiceClient(App.ConnectionString).GetTableClient(App.TablePrefix + TableNames.RawEvents);
        var carrier = Assert.Single(raw.Query<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey gt {account.Id} and PartitionKey lt {account.Id + "~~"} and SumEvents gt {0}")));
        Assert.Equal("", carrier.GetString("SumCatalog"));
        Assert.Null(carrier.GetString("SumC0"));
        var read = await App.Services.GetRequiredService<IUsageQuery>().TotalAsync(account.Id, MeterKeys.Calls, hour, now, "agent", CancellationToken.None);
        Assert.Equal(100, read.Total);
        Assert.Equal(100, read.ByDimension.Count);
        Assert.All(read.ByDimension.Values, v => Assert.Equal(1, v));
    }

    private static JsonObject NewEvent(Random random, DateTimeOffset now,
        Dictionary<string, (JsonObject Event, DateTimeOffset At, string Type, string Agent, double Seconds)> sent)
    {
        var at = now.AddSeconds(random.Next(-3 * 3600, 4 * 60));
        var agent = Agents[random.Next(Agents.Length)];
        var id = Guid.NewGuid().ToString("N");
        if (random.NextDouble() < 0.5)
        {
            var message = TestEvents.Message(at, id);
            message["data"]!["agentId"] = agent;
            sent[id] = (message, at, "message", agent, 0);
            return message;
        }
        // A call counts at its creation; it lasts at least 3 s (it was joined 2 s in) and ends (its CloudEvent time) at
        // most four minutes ahead of the clock.
        if (at > now.AddMinutes(3)) at = now.AddMinutes(3);
        var seconds = Math.Round(3 + random.NextDouble() * (Math.Min(600, (now.AddMinutes(4) - at).TotalSeconds) - 3), 3);
        var call = TestEvents.Call(at, seconds, id);
        call["data"]!["agentId"] = agent;
        sent[id] = (call, at, "call", agent, seconds);
        return call;
    }

    private async Task VoidAsync(Random random, TestAccount account,
        Dictionary<string, (JsonObject Event, DateTimeOffset At, string Type, string Agent, double Seconds)> sent, HashSet<string> voided,
        DateTimeOffset now)
    {
        var recent = sent.Where(s => s.Value.At > now.AddHours(-3) && !voided.Contains(s.Key)).Select(s => s.Key).ToList();
        if (recent.Count == 0) return;
        var picked = Enumerable.Range(0, 3).Select(_ => recent[random.Next(recent.Count)]).Distinct().ToList();
        using var client = App.CreateClient();
        var response = await client.SendAsync(VoidRequests.Keyed(account.WriteKey,
            picked.Select(id => new { source = "/tests", id, reason = "test traffic" }).ToArray()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var id in picked) voided.Add(id);
    }
}
