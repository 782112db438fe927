using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryFailureTests : IDisposable
{
    private readonly StorageProxy _proxy = new(AzuriteServer.ConnectionString);
    private readonly TelemetryCapture _telemetry = new();
    private readonly UsageAppFactory _base;
    private readonly UsageAppFactory _app;

    public TelemetryFailureTests()
    {
        _base = new UsageAppFactory(_proxy.ConnectionString);
        _app = _base.WithServices(_telemetry.Install);
    }

    public void Dispose()
    {
        _app.Dispose();
        _base.Dispose();
        _proxy.Dispose();
    }

    [Fact]
    public async Task StorageOutageRecordsFailedStorageRequestsAnd503sEachLoggedOnceWithItsCorrelationId()
    {
        var account = await TestAccount.CreateAsync(_app);
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(_app.Clock.GetUtcNow())))))
            .StatusCode);

        _proxy.Cut();
        var ingest = await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(_app.Clock.GetUtcNow()))));
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/usage/period") { Headers = { Authorization = new("Bearer", account.ReadKey) } };
        var usage = await client.SendAsync(read);
        _proxy.Restore();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, usage.StatusCode);
        _telemetry.Flush(_app.Services);
        Assert.True(_telemetry.Sum("usage.storage.failures", ("reason", "transport")) >= 2, "Each 503 met at least one failed storage request.");
        Assert.Equal(1, _telemetry.HistogramCount("usage.read.duration", ("surface", "usage"), ("status_code", 503)));
        Assert.Equal(1, _telemetry.Sum("usage.ingest.received") - _telemetry.Sum("usage.ingest.events"));

        var logs = _telemetry.Logs.ToArray();
        var correlated = logs.Where(l => l.Attributes.Any(a => a.Key == "CorrelationId")).ToList();
        // The read's 503 names its correlation id in the body; the ingestion's 503 only in the log.
        var readId = (await usage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correlationId").GetString();
        Assert.Single(correlated, l => Equals(l.Attributes.First(a => a.Key == "CorrelationId").Value, readId));
        Assert.Equal(2, correlated.Count);
        var failedSpans = _telemetry.Spans.ToArray().Where(s => s.Source.Name == "Microsoft.Azure.Functions.Worker" && s.Status == ActivityStatusCode.Error);
        Assert.Equal(2, failedSpans.Count());
    }
}
