using System.Diagnostics;
using System.Net;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetrySecrecyTests : TelemetryTest
{
    private const string PayloadMarker = "payload-marker-3f9c1e";

    [Fact]
    public async Task NoSpanOrLogCarriesAKeyASecretOrAnEventPayload()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var now = App.Clock.GetUtcNow();
        var call = TestEvents.Call(now.AddMinutes(-5));
        call["data"]!["metadata"]!["campaign"] = PayloadMarker;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(call)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.SignedPost(TestEvents.Batch(TestEvents.Message(now)), now))).StatusCode);
        var rejected = TestEvents.Event("usage.unheard.of", now, new() { ["note"] = PayloadMarker });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(rejected)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.RunTimerAsync("RollupTimer")).StatusCode);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", account.ReadKey) } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read)).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", account.ReadKey + "x") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);

        Telemetry.Flush(App.Services);
        var spans = Telemetry.Spans.ToArray();
        var logs = Telemetry.Logs.ToArray();
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.Azure.Functions.Worker");
        Assert.NotEmpty(logs);
        string[] forbidden = [account.WriteKey, account.ReadKey, account.Secret, UsageAppFactory.AdminKey, PayloadMarker];
        foreach (var text in spans.SelectMany(SpanTexts).Concat(logs.SelectMany(LogTexts)))
            foreach (var secret in forbidden)
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    private static IEnumerable<string> SpanTexts(Activity span) =>
        new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static IEnumerable<string> LogTexts(TelemetryCapture.CapturedLog log) =>
        new[] { log.Message ?? "", log.Template ?? "", log.Exception ?? "" }.Concat(log.Attributes.Select(a => $"{a.Key}={a.Value}"));
}
