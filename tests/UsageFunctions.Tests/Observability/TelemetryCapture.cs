using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using UsageFunctions.App.Observability;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Tests.Observability;

/// <summary>
/// The app's telemetry pipeline, as <c>AddObservability</c> builds it, with in-memory exporters in place of Azure
/// Monitor: every span, every metric and every log record the worker exports.
/// </summary>
public sealed class TelemetryCapture
{
    public List<Activity> Spans { get; } = [];

    public List<MetricSnapshot> Metrics { get; } = [];

    public List<CapturedLog> Logs { get; } = [];

    public void Install(IServiceCollection services) => services.AddUsageTelemetry()
        .WithTracing(t => t.AddInMemoryExporter(Spans))
        .WithMetrics(m => m.AddInMemoryExporter(Metrics))
        .WithLogging(l => l.AddProcessor(new LogCapture(Logs)), o => o.IncludeFormattedMessage = true);

    /// <summary>Collects the metrics now (cumulative since the worker started).</summary>
    public void Flush(IServiceProvider services)
    {
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    public IEnumerable<MetricPoint> Points(string name, params (string Key, object Value)[] tags)
    {
        var latest = Metrics.LastOrDefault(m => m.Name == name && m.MeterName == UsageMetrics.MeterName);
        if (latest is null) return [];
        return latest.MetricPoints.Where(p => tags.All(t => Tags(p).Any(kv => kv.Key == t.Key && Equals(kv.Value, t.Value))));
    }

    public long Sum(string name, params (string Key, object Value)[] tags) => Points(name, tags).Sum(p => p.GetSumLong());

    public long HistogramCount(string name, params (string Key, object Value)[] tags) => Points(name, tags).Sum(p => p.GetHistogramCount());

    public double Gauge(string name) => Points(name).Single().GetGaugeLastValueDouble();

    private static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        foreach (var tag in point.Tags) yield return tag;
    }

    /// <summary>What a log record carries, copied when it is exported (the SDK reuses record objects).</summary>
    public sealed record CapturedLog(string Category, string? Message, string? Template, IReadOnlyList<KeyValuePair<string, object?>> Attributes,
        ActivityTraceId TraceId, ActivitySpanId SpanId, string? Exception);

    private sealed class LogCapture(List<CapturedLog> logs) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            lock (logs)
                logs.Add(new CapturedLog(data.CategoryName ?? "", data.FormattedMessage, data.Body, [.. data.Attributes ?? []],
                    data.TraceId, data.SpanId, data.Exception?.ToString()));
        }
    }
}
