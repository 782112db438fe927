using System.Text.Json;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.Tests.Alerts;

public sealed class AlertFiringTests : AlertTest
{
    [Fact]
    public async Task CrossingSendsOneCloudEventSignedWithTheEndpointSecret()
    {
        using var receiver = new WebhookReceiver();
        var (account, key) = await CreateAccountAsync();
        var (endpoint, secret) = await CreateEndpointAsync(key, receiver.Url);
        var rule = await CreateRuleAsync(key, new { meter = "messages", value = 3, window = "calendarDay", endpoints = new[] { endpoint } });
        var now = App.Clock.GetUtcNow();

        await SendAsync(account, Message(now.AddMinutes(-3)), Message(now.AddMinutes(-2)));
        await RunAsync("RollupTimer");
        await RunAsync("AlertDeliveryTimer");
        Assert.Empty(receiver.Received);

        await SendAsync(account, Message(now.AddMinutes(-1)), Message(now.AddSeconds(-30)));
        await RunAsync("RollupTimer");
        await RunAsync("RollupTimer");
        await RunAsync("AlertDeliveryTimer");
        await RunAsync("AlertDeliveryTimer");

        var received = Assert.Single(receiver.Received);
        Assert.Equal(SignatureCheck.Valid, StandardWebhookSignature.Verify([secret], received.Id, received.Timestamp, received.Signature,
            received.Body, App.Clock.GetUtcNow()));
        Assert.Equal(SignatureCheck.Mismatch, StandardWebhookSignature.Verify([StandardWebhookSignature.NewSecret()], received.Id,
            received.Timestamp, received.Signature, received.Body, App.Clock.GetUtcNow()));
        var message = JsonDocument.Parse(received.Text).RootElement;
        Assert.Equal("usage.alert.triggered", message.GetProperty("type").GetString());
        Assert.Equal(received.Id, message.GetProperty("id").GetString());
        var data = message.GetProperty("data");
        Assert.Equal(account.Id, data.GetProperty("account").GetString());
        Assert.Equal(rule, data.GetProperty("rule").GetString());
        Assert.Equal(3m, data.GetProperty("threshold").GetProperty("value").GetDecimal());
        Assert.Equal(4m, data.GetProperty("figure").GetDecimal());
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), data.GetProperty("window").GetProperty("start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), data.GetProperty("window").GetProperty("end").GetDateTimeOffset());
        var delivery = Assert.Single(await DeliveriesAsync(key, endpoint));
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task EachNewWindowRearmsTheRuleOnce()
    {
        using var receiver = new WebhookReceiver();
        var (account, key) = await CreateAccountAsync();
        var (endpoint, _) = await CreateEndpointAsync(key, receiver.Url);
        await CreateRuleAsync(key, new { meter = "messages", percentOfIncluded = 0.01, window = "calendarDay", endpoints = new[] { endpoint } });
        // pro includes 10,000 messages: 0.01 % is one message.
        for (var day = 0; day < 3; day++)
        {
            var now = App.Clock.GetUtcNow();
            await SendAsync(account, Message(now.AddMinutes(-1)));
            await RunAsync("RollupTimer");
            await SendAsync(account, Message(now.AddSeconds(-10)));
            await RunAsync("RollupTimer");
            App.Clock.Advance(TimeSpan.FromDays(1));
        }
        await RunAsync("AlertDeliveryTimer");
        Assert.Equal(3, receiver.Received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(3, (await DeliveriesAsync(key, endpoint)).Count(d => d.GetProperty("status").GetString() == "delivered"));
    }
}
