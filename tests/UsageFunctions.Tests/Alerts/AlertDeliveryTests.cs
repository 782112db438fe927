using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.Tests.Alerts;

public sealed class AlertDeliveryTests : AlertTest
{
    /// <summary>Fires one alert to the receiver's endpoint and answers (key, endpoint id, endpoint secret).</summary>
    private async Task<(string Key, string Endpoint, string Secret)> FireOneAsync(string url)
    {
        var (account, key) = await CreateAccountAsync();
        var (endpoint, secret) = await CreateEndpointAsync(key, url);
        await CreateRuleAsync(key, new { meter = "messages", value = 1, endpoints = new[] { endpoint } });
        await SendAsync(account, Message(App.Clock.GetUtcNow().AddMinutes(-1)));
        await RunAsync("RollupTimer");
        return (key, endpoint, secret);
    }

    private async Task<JsonElement> OnlyDeliveryAsync(string key, string endpoint) => Assert.Single(await DeliveriesAsync(key, endpoint));

    [Fact]
    public async Task FailingReceiverGetsRetriesOnTheScheduleAndFinallyTheMessage()
    {
        using var receiver = new WebhookReceiver(start: false);
        // Refused twice (not listening yet), then 500, 503, a hang past the timeout, and finally 200.
        receiver.Answer = i => i switch { 0 => 500, 1 => 503, 2 => WebhookReceiver.Hang, _ => 200 };
        var (key, endpoint, secret) = await FireOneAsync(receiver.Url);
        for (var failures = 1; failures <= 5; failures++)
        {
            if (failures == 3) receiver.Start();
            await RunAsync("AlertDeliveryTimer");
            var delivery = await OnlyDeliveryAsync(key, endpoint);
            Assert.Equal("pending", delivery.GetProperty("status").GetString());
            Assert.Equal(failures, delivery.GetProperty("attempts").GetInt32());
            var delay = delivery.GetProperty("nextAttemptAt").GetDateTimeOffset() - delivery.GetProperty("lastAttemptAt").GetDateTimeOffset();
            var nominal = RetrySchedule.Nominal(failures);
            Assert.InRange(delay, nominal * (1 - RetrySchedule.Jitter) - TimeSpan.FromMilliseconds(1), nominal);
            Assert.False(delivery.GetProperty("lastError").ValueKind == JsonValueKind.Null);
            // Not due yet: a run now sends nothing.
            await RunAsync("AlertDeliveryTimer");
            Assert.Equal(failures, (await OnlyDeliveryAsync(key, endpoint)).GetProperty("attempts").GetInt32());
            App.Clock.Advance(nominal);
        }
        await RunAsync("AlertDeliveryTimer");
        var done = await OnlyDeliveryAsync(key, endpoint);
        Assert.Equal("delivered", done.GetProperty("status").GetString());
        Assert.Equal(6, done.GetProperty("attempts").GetInt32());
        Assert.Equal(4, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        var last = receiver.Received[^1];
        Assert.Equal(SignatureCheck.Valid, StandardWebhookSignature.Verify([secret], last.Id, last.Timestamp, last.Signature, last.Body,
            App.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task DeliveryGivenUpAfterThreeDaysCanBeRetriedByHand()
    {
        using var receiver = new WebhookReceiver { Answer = _ => 500 };
        var (key, endpoint, _) = await FireOneAsync(receiver.Url);
        var attempts = 0;
        for (; attempts < 40; attempts++)
        {
            await RunAsync("AlertDeliveryTimer");
            if ((await OnlyDeliveryAsync(key, endpoint)).GetProperty("status").GetString() == "failed") break;
            App.Clock.Advance(RetrySchedule.Longest);
        }
        var failed = await OnlyDeliveryAsync(key, endpoint);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.InRange(failed.GetProperty("attempts").GetInt32(), 6, 20);
        Assert.Equal(failed.GetProperty("attempts").GetInt32(), receiver.Received.Count);

        receiver.Answer = _ => 200;
        using var client = Client(key);
        var id = failed.GetProperty("id").GetString();
        var retried = await client.PostAsync($"/api/alerts/endpoints/{endpoint}/deliveries/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        await RunAsync("AlertDeliveryTimer");
        Assert.Equal("delivered", (await OnlyDeliveryAsync(key, endpoint)).GetProperty("status").GetString());
        var again = await client.PostAsync($"/api/alerts/endpoints/{endpoint}/deliveries/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ReceiverAnsweringGoneDisablesTheEndpoint()
    {
        using var receiver = new WebhookReceiver { Answer = _ => 410 };
        var (key, endpoint, _) = await FireOneAsync(receiver.Url);
        await RunAsync("AlertDeliveryTimer");
        Assert.Equal("failed", (await OnlyDeliveryAsync(key, endpoint)).GetProperty("status").GetString());
        using var client = Client(key);
        var listed = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/alerts/endpoints")).EnumerateArray());
        Assert.False(listed.GetProperty("enabled").GetBoolean());
        Assert.Contains("410", listed.GetProperty("disabledReason").GetString());
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task TestEventIsSignedWithOldAndNewSecretDuringRotation()
    {
        using var receiver = new WebhookReceiver();
        var (_, key) = await CreateAccountAsync();
        var (endpoint, oldSecret) = await CreateEndpointAsync(key, receiver.Url);
        using var client = Client(key);
        var rotated = await client.PostAsync($"/api/alerts/endpoints/{endpoint}/secret?graceHours=1", null);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/alerts/endpoints/{endpoint}/test", null)).StatusCode);
        await RunAsync("AlertDeliveryTimer");
        App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/alerts/endpoints/{endpoint}/test", null)).StatusCode);
        await RunAsync("AlertDeliveryTimer");

        Assert.Equal(2, receiver.Received.Count);
        var (during, after) = (receiver.Received[0], receiver.Received[1]);
        Assert.Equal("usage.alert.test", JsonDocument.Parse(during.Text).RootElement.GetProperty("type").GetString());
        foreach (var secret in new[] { oldSecret, newSecret })
            Assert.Equal(SignatureCheck.Valid, StandardWebhookSignature.Verify([secret], during.Id, during.Timestamp, during.Signature, during.Body,
                App.Clock.GetUtcNow().AddHours(-2)));
        Assert.Equal(SignatureCheck.Valid, StandardWebhookSignature.Verify([newSecret], after.Id, after.Timestamp, after.Signature, after.Body,
            App.Clock.GetUtcNow()));
        Assert.Equal(SignatureCheck.Mismatch, StandardWebhookSignature.Verify([oldSecret], after.Id, after.Timestamp, after.Signature, after.Body,
            App.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task DeliveryRefusesToConnectToAPrivateAddressWhenPrivateTargetsAreOff()
    {
        using var receiver = new WebhookReceiver();
        var (key, endpoint, _) = await FireOneAsync(receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        using var strict = App.WithSettings(new Dictionary<string, string> { ["Alerts__AllowPrivateTargets"] = "false" });
        var run = await strict.RunTimerAsync("AlertDeliveryTimer");
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        var delivery = await OnlyDeliveryAsync(key, endpoint);
        Assert.Equal("pending", delivery.GetProperty("status").GetString());
        Assert.Contains("non-public", delivery.GetProperty("lastError").GetString());
        Assert.Empty(receiver.Received);
    }
}
