using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryFailureTests : TelemetryTest
{
    private readonly StorageProxy _proxy;

    public TelemetryFailureTests() : this(new StorageProxy(AzuriteServer.ConnectionString))
    {
    }

    private TelemetryFailureTests(StorageProxy proxy) : base(proxy.ConnectionString) => _proxy = proxy;

    public override void Dispose()
    {
        base.Dispose();
        _proxy.Dispose();
    }

    [Fact]
    public async Task StorageOutageRecordsFailedStorageRequestsAnd503sEachLoggedOnceWithItsCorrelationId()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(App.Clock.GetUtcNow())))))
            .StatusCode);

        _proxy.Cut();
        var ingest = await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(App.Clock.GetUtcNow()))));
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", account.ReadKey) } };
        var usage = await client.SendAsync(read);
        _proxy.Restore();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, usage.StatusCode);
        Telemetry.Flush(App.Services);
        Assert.True(Telemetry.Sum("usage.storage.failures", ("reason", "transport")) >= 2, "Each 503 met at least one failed storage request.");
        Assert.Equal(1, Telemetry.HistogramCount("usage.read.duration", ("surface", "usage"), ("status_code", 503)));
        Assert.Equal(1, Telemetry.Sum("usage.ingest.received") - Telemetry.Sum("usage.ingest.events"));

        var logs = Telemetry.Logs.ToArray();
        var correlated = logs.Where(l => l.Attributes.Any(a => a.Key == "CorrelationId")).ToList();
        // Each 503 names its correlation id in its body, and one log line names it too.
        var readId = (await usage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correlationId").GetString();
        var ingestId = (await ingest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correlationId").GetString();
        Assert.NotEqual(readId, ingestId);
        Assert.Single(correlated, l => Equals(l.Attributes.First(a => a.Key == "CorrelationId").Value, readId));
        Assert.Single(correlated, l => Equals(l.Attributes.First(a => a.Key == "CorrelationId").Value, ingestId));
        Assert.Equal(2, correlated.Count);
        var failedSpans = Telemetry.Spans.ToArray().Where(s => s.Source.Name == "Microsoft.Azure.Functions.Worker" && s.Status == ActivityStatusCode.Error);
        Assert.Equal(2, failedSpans.Count());
    }
}
