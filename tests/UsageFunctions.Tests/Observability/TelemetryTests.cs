using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Telemetry;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : TelemetryTest
{
    [Fact]
    public async Task IngestCountsEventsByOutcomeTypeAndReason()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var now = App.Clock.GetUtcNow();
        var first = TestEvents.Message(now);
        var unknown = TestEvents.Event("usage.unheard.of", now, new() { ["x"] = 1 });
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(first, TestEvents.Message(now), unknown)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(first)))).StatusCode);

        Telemetry.Flush(App.Services);
        Assert.Equal(4, Telemetry.Sum("usage.ingest.received"));
        Assert.Equal(2, Telemetry.Sum("usage.ingest.events", ("outcome", "accepted"), ("type", "usage.message.sent")));
        Assert.Equal(1, Telemetry.Sum("usage.ingest.events", ("outcome", "duplicate"), ("type", "usage.message.sent")));
        Assert.Equal(1, Telemetry.Sum("usage.ingest.events", ("outcome", "rejected"), ("reason", "unknown_type"), ("type", "other")));
        Assert.Equal(2, Telemetry.HistogramCount("usage.ingest.batch_size"));
        Assert.True(Telemetry.Sum("usage.storage.requests", ("kind", "batch")) >= 1, "The stored batch is a storage request.");
    }

    [Fact]
    public async Task IngestionSpanCarriesTheAccountAndStorageCallsAreItsChildrenAndLogsShareItsTrace()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(App.Clock.GetUtcNow())))))
            .StatusCode);

        Telemetry.Flush(App.Services);
        var spans = Telemetry.Spans.ToArray();
        var invocation = Assert.Single(spans, s => s.Source.Name == "Microsoft.Azure.Functions.Worker"
            && s.GetTagItem(UsageTracing.AccountAttribute) as string == account.Id && s.TraceId != default
            && spans.Any(c => c.TraceId == s.TraceId && c.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)));
        Assert.Contains(spans, s => s.TraceId == invocation.TraceId && s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)
            && s.ParentSpanId == invocation.SpanId);
        Assert.Contains(Telemetry.Logs.ToArray(), l => l.Template?.StartsWith("Ingested for {Account}", StringComparison.Ordinal) == true
            && l.TraceId == invocation.TraceId);
    }

    [Fact]
    public async Task RollupRecordsItsRunDurationLagAndPhaseSpans()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(App.Clock.GetUtcNow())))))
            .StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await App.RunTimerAsync("RollupTimer")).StatusCode);

        Telemetry.Flush(App.Services);
        Assert.Equal(1, Telemetry.Sum("usage.rollup.runs", ("outcome", "completed")));
        Assert.Equal(1, Telemetry.HistogramCount("usage.rollup.duration", ("outcome", "completed")));
        Assert.True(Telemetry.Sum("usage.rollup.hours") >= 1);
        // The fake clock stands on a whole minute, and the watermark is that minute less the grace.
        var grace = App.Services.GetRequiredService<IOptions<RollupOptions>>().Value.GraceMinutes;
        Assert.Equal(grace * 60, Telemetry.Gauge("usage.rollup.lag"));
        var spans = Telemetry.Spans.ToArray();
        var run = Assert.Single(spans, s => s.OperationName == "rollup.run");
        var perAccount = Assert.Single(spans, s => s.OperationName == "rollup.account" && s.ParentSpanId == run.SpanId);
        Assert.Equal(account.Id, perAccount.GetTagItem(UsageTracing.AccountAttribute));
        Assert.Contains(spans, s => s.OperationName == "rollup.recompute_month" && s.ParentSpanId == perAccount.SpanId);
        Assert.Contains(spans, s => s.OperationName == "rollup.lease.acquire" && s.ParentSpanId == run.SpanId);
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && s.TraceId == run.TraceId);
    }
}
