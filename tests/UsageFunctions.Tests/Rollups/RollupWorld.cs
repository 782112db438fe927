using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups.Oracle;

namespace UsageFunctions.Tests.Rollups;

/// <summary>
/// A seeded history: accounts in UTC, New York (DST) and Kolkata (+05:30) with anchor days 1, 15 and 31, events sent
/// through the ingestion API as time moves on (duplicates, redeliveries, late events), timers fired as the host does.
/// </summary>
public sealed class RollupWorld(UsageAppFactory app, Random random)
{
    public static readonly (string Zone, int Anchor)[] Setups = [("UTC", 1), ("America/New_York", 31), ("Asia/Kolkata", 15), ("America/New_York", 1)];

    private readonly HistoryGenerator _generator = new(random);
    private readonly List<DateTimeOffset> _hotSpots = [];

    public List<WorldAccount> Accounts { get; } = [];

    public DateTimeOffset Now => app.Clock.GetUtcNow();

    public async Task CreateAccountsAsync()
    {
        foreach (var (zone, anchor) in Setups)
        {
            Accounts.Add(new WorldAccount(await TestAccount.CreateAsync(app, "pro", zone, anchor), zone, anchor, Now));
            _hotSpots.AddRange(OraclePeriods.Between(anchor, zone, Now.AddDays(-40), Now.AddDays(150)).Select(p => p.Start));
        }
        // DST in New York (2026-11-01 01:00-02:00 local twice; 2027-03-14 02:00 skipped) and UTC month starts.
        _hotSpots.AddRange([new(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), new(2026, 11, 1, 6, 30, 0, TimeSpan.Zero), new(2027, 3, 14, 7, 0, 0, TimeSpan.Zero)]);
        for (var month = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero); month.Year < 2028; month = month.AddMonths(1)) _hotSpots.Add(month);
    }

    /// <summary>Moves the clock by up to <paramref name="maxHours"/>, sends events, and fires timers the way a flaky schedule would.</summary>
    public async Task StepAsync(int maxHours, int maxEvents, double rollupChance = 0.75, double voidRate = 0)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(random.Next(30, maxHours * 60)));
        foreach (var account in Accounts)
        {
            if (random.NextDouble() < 0.2) continue;
            var batch = new List<GeneratedEvent>();
            for (var i = random.Next(maxEvents); i > 0; i--)
            {
                var roll = random.NextDouble();
                var redeliverable = account.Events.Values.Concat(account.Voided.Values).Where(e => e.OccurredAt > Now.AddDays(-34)).ToList();
                if (roll < 0.08 && redeliverable.Count > 0) batch.Add(redeliverable[random.Next(redeliverable.Count)]);
                else if (roll < 0.12 && batch.Count > 0) batch.Add(batch[random.Next(batch.Count)]);
                else batch.Add(_generator.Next(Now, _hotSpots));
            }
            await SendAsync(account, batch);
            if (random.NextDouble() < voidRate) await VoidSomeAsync(account);
        }
        if (random.NextDouble() < rollupChance) await FireAsync("RollupTimer");
        if (random.NextDouble() < 0.3) await FireAsync("PeriodTimer");
    }

    /// <summary>An event of the last minute, sent after whatever roll-up ran.</summary>
    public GeneratedEvent RecentEvent() => _generator.Recent(Now);

    public async Task SendAsync(WorldAccount account, IReadOnlyList<GeneratedEvent> events)
    {
        using var client = app.CreateClient();
        foreach (var chunk in events.Chunk(100))
        {
            var response = await client.SendAsync(account.Account.KeyedPost(new JsonArray([.. chunk.Select(e => e.ToCloudEvent())]).ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("rejected").GetInt32() == 0, body.ToString());
            foreach (var e in chunk.Where(e => !account.Voided.ContainsKey(e.Id))) account.Events.TryAdd(e.Id, e);
        }
    }

    /// <summary>Voids a few events (the newest, any, the oldest; with or without a time hint), sometimes twice.</summary>
    public async Task VoidSomeAsync(WorldAccount account)
    {
        var byAge = account.Events.Values.OrderBy(e => e.OccurredAt).ToList();
        if (byAge.Count == 0) return;
        List<GeneratedEvent> picked = [byAge[^1], byAge[random.Next(byAge.Count)], byAge[0]];
        var items = picked.Distinct().Select(e => new JsonObject
        {
            ["source"] = GeneratedEvent.Source, ["id"] = e.Id, ["reason"] = "test traffic",
            ["time"] = random.NextDouble() < 0.5 ? e.OccurredAt.ToString("O") : null,
        }).ToList();
        if (account.Voided.Count > 0 && random.NextDouble() < 0.5)
            items.Add(new JsonObject { ["source"] = GeneratedEvent.Source, ["id"] = account.Voided.Keys.First(), ["reason"] = "again" });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events/void")
        {
            Headers = { Authorization = new("Bearer", account.Account.WriteKey) },
            Content = JsonContent.Create(new JsonArray([.. items])),
        };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, body.GetProperty("notFound").GetInt32());
        foreach (var e in picked.Distinct())
        {
            account.Events.Remove(e.Id);
            account.Voided[e.Id] = e;
        }
    }

    /// <summary>A world of accounts whose second account got 300 generated events of history (not rolled up yet).</summary>
    public static async Task<(RollupWorld World, WorldAccount Account)> WithHistoryAsync(UsageAppFactory app, int seed)
    {
        var world = new RollupWorld(app, new Random(seed));
        await world.CreateAccountsAsync();
        var account = world.Accounts[1];
        var generator = new HistoryGenerator(new Random(seed));
        await world.SendAsync(account, [.. Enumerable.Range(0, 300).Select(_ => generator.Next(world.Now, []))]);
        return (world, account);
    }

    public async Task FireAsync(string timer)
    {
        var response = await app.RunTimerAsync(timer);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
