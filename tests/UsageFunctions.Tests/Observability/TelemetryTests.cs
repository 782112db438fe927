using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Telemetry;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly TelemetryCapture _telemetry = new();
    private readonly UsageAppFactory _base = new();
    private readonly UsageAppFactory _app;

    public TelemetryTests() => _app = _base.WithServices(_telemetry.Install);

    public void Dispose()
    {
        _app.Dispose();
        _base.Dispose();
    }

    [Fact]
    public async Task IngestCountsEventsByOutcomeTypeAndReason()
    {
        var account = await TestAccount.CreateAsync(_app);
        using var client = _app.CreateClient();
        var now = _app.Clock.GetUtcNow();
        var first = TestEvents.Message(now);
        var unknown = TestEvents.Event("usage.unheard.of", now, new() { ["x"] = 1 });
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(first, TestEvents.Message(now), unknown)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(first)))).StatusCode);

        _telemetry.Flush(_app.Services);
        Assert.Equal(4, _telemetry.Sum("usage.ingest.received"));
        Assert.Equal(2, _telemetry.Sum("usage.ingest.events", ("outcome", "accepted"), ("type", "usage.message.sent")));
        Assert.Equal(1, _telemetry.Sum("usage.ingest.events", ("outcome", "duplicate"), ("type", "usage.message.sent")));
        Assert.Equal(1, _telemetry.Sum("usage.ingest.events", ("outcome", "rejected"), ("reason", "unknown_type"), ("type", "other")));
        Assert.Equal(2, _telemetry.HistogramCount("usage.ingest.batch_size"));
        Assert.True(_telemetry.Sum("usage.storage.requests", ("kind", "batch")) >= 1, "The stored batch is a storage request.");
    }

    [Fact]
    public async Task IngestionSpanCarriesTheAccountAndStorageCallsAreItsChildrenAndLogsShareItsTrace()
    {
        var account = await TestAccount.CreateAsync(_app);
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(_app.Clock.GetUtcNow())))))
            .StatusCode);

        _telemetry.Flush(_app.Services);
        var spans = _telemetry.Spans.ToArray();
        var invocation = Assert.Single(spans, s => s.Source.Name == "Microsoft.Azure.Functions.Worker"
            && s.GetTagItem(UsageTracing.AccountAttribute) as string == account.Id && s.TraceId != default
            && spans.Any(c => c.TraceId == s.TraceId && c.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)));
        Assert.Contains(spans, s => s.TraceId == invocation.TraceId && s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)
            && s.ParentSpanId == invocation.SpanId);
        Assert.Contains(_telemetry.Logs.ToArray(), l => l.Template?.StartsWith("Ingested for {Account}", StringComparison.Ordinal) == true
            && l.TraceId == invocation.TraceId);
    }

    [Fact]
    public async Task RollupRecordsItsRunDurationLagAndPhaseSpans()
    {
        var account = await TestAccount.CreateAsync(_app);
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(_app.Clock.GetUtcNow())))))
            .StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _app.RunTimerAsync("RollupTimer")).StatusCode);

        _telemetry.Flush(_app.Services);
        Assert.Equal(1, _telemetry.Sum("usage.rollup.runs", ("outcome", "completed")));
        Assert.Equal(1, _telemetry.HistogramCount("usage.rollup.duration", ("outcome", "completed")));
        Assert.True(_telemetry.Sum("usage.rollup.hours") >= 1);
        // The fake clock stands on a whole minute, and the watermark is that minute less the grace.
        var grace = _app.Services.GetRequiredService<IOptions<RollupOptions>>().Value.GraceMinutes;
        Assert.Equal(grace * 60, _telemetry.Gauge("usage.rollup.lag"));
        var spans = _telemetry.Spans.ToArray();
        var run = Assert.Single(spans, s => s.OperationName == "rollup.run");
        var perAccount = Assert.Single(spans, s => s.OperationName == "rollup.account" && s.ParentSpanId == run.SpanId);
        Assert.Equal(account.Id, perAccount.GetTagItem(UsageTracing.AccountAttribute));
        Assert.Contains(spans, s => s.OperationName == "rollup.recompute_month" && s.ParentSpanId == perAccount.SpanId);
        Assert.Contains(spans, s => s.OperationName == "rollup.lease.acquire" && s.ParentSpanId == run.SpanId);
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && s.TraceId == run.TraceId);
    }
}
