using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.App.Alerts;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.Tests.Alerts;

/// <summary>
/// Randomized histories (late events, redeliveries, concurrent roll-ups on two instances, evaluations racing them): every
/// (rule, window) whose final figure reaches its threshold produces exactly one message, and no other does.
/// </summary>
public sealed class AlertExactlyOnceTests : AlertTest
{
    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public async Task EveryCrossingIsSentExactlyOnce(int seed)
    {
        var random = new Random(seed);
        using var receiver = new WebhookReceiver();
        var (account, key) = await CreateAccountAsync();
        var (endpoint, _) = await CreateEndpointAsync(key, receiver.Url);
        var rules = new (string Id, int Threshold, bool Daily, string? Agent)[]
        {
            (await CreateRuleAsync(key, new { meter = "messages", value = 4, window = "calendarDay", endpoints = new[] { endpoint } }), 4, true, null),
            (await CreateRuleAsync(key, new { meter = "messages", value = 3, window = "calendarDay", endpoints = new[] { endpoint },
                filter = new { dimension = "agent", value = "agent_2" } }), 3, true, "agent_2"),
            (await CreateRuleAsync(key, new { meter = "messages", value = 15, window = "calendarMonth", endpoints = new[] { endpoint } }), 15, false, null),
        };
        var second = App.WithServices(_ => { });
        var sent = new List<(DateTimeOffset Time, string Agent, string Id)>();
        var evaluator = App.Services.GetRequiredService<AlertEvaluator>();
        for (var step = 0; step < 14; step++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(random.Next(30, 400)));
            var now = App.Clock.GetUtcNow();
            var batch = new List<JsonNode>();
            for (var i = random.Next(0, 5); i > 0; i--)
            {
                var late = random.Next(4) == 0;
                var time = now.AddMinutes(late ? -random.Next(60, 1800) : -random.Next(0, 4));
                var agent = random.Next(2) == 0 ? "agent_1" : "agent_2";
                var id = Guid.NewGuid().ToString("N");
                sent.Add((time, agent, id));
                batch.Add(Message(time, agent, id));
            }
            if (sent.Count > 0 && random.Next(3) == 0)
            {
                var again = sent[random.Next(sent.Count)];
                batch.Add(Message(again.Time, again.Agent, again.Id));
            }
            if (batch.Count > 0) await SendAsync(account, [.. batch]);
            var hours = sent.Select(e => new ChangedHour(account.Id, new DateTimeOffset(e.Time.Year, e.Time.Month, e.Time.Day, e.Time.Hour, 0, 0, TimeSpan.Zero))).ToList();
            await Task.WhenAll(App.RunTimerAsync("RollupTimer"), second.RunTimerAsync("RollupTimer"),
                evaluator.EvaluateAsync(hours, now, CancellationToken.None), evaluator.EvaluateAsync(hours, now, CancellationToken.None));
            if (random.Next(3) == 0) await RunAsync("AlertDeliveryTimer");
        }
        await RunAsync("RollupTimer");
        await RunAsync("AlertDeliveryTimer");

        var expected = new HashSet<(string, DateTimeOffset)>();
        foreach (var rule in rules)
        {
            var counted = sent.DistinctBy(e => e.Id).Where(e => rule.Agent is null || e.Agent == rule.Agent);
            foreach (var window in counted.GroupBy(e => rule.Daily ? e.Time.UtcDateTime.Date : new DateTime(e.Time.Year, e.Time.Month, 1)))
            {
                if (window.Count() >= rule.Threshold) expected.Add((rule.Id, new DateTimeOffset(window.Key, TimeSpan.Zero)));
            }
        }
        var received = receiver.Received.Select(r => JsonDocument.Parse(r.Text).RootElement.GetProperty("data"))
            .Select(d => (d.GetProperty("rule").GetString()!, d.GetProperty("window").GetProperty("start").GetDateTimeOffset())).ToList();
        second.Dispose();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, received.Count);
        Assert.Equal(expected.Order(), received.Order());
        Assert.Equal(received.Count, receiver.Received.Select(r => r.Id).Distinct().Count());
    }
}
