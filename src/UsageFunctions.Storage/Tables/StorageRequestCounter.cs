using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Counts every request the table client sends, retries included (it sits in the per-retry position), so the
/// number equals the billable transactions: a batch is one request and one transaction. Kinds are read from the
/// request line alone: <c>batch</c>, <c>query</c>, <c>insert</c>, <c>update</c>, <c>delete</c>, <c>table</c>.
/// Origins: <c>http</c> for a request sent on behalf of an HTTP invocation (its flow carries a
/// <see cref="StorageDeadline"/>), <c>background</c> for everything else (timers, start-up work, cache refreshes no
/// request waits for), so a benchmark can tell what a read costs from what the timers spent meanwhile.
/// The same counts, and the failures, feed the <c>usage.storage.*</c> metrics.
/// </summary>
public sealed class StorageRequestCounter(UsageMetrics? metrics = null) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byTable = new(StringComparer.Ordinal);
    private long _http;
    private long _requests;
    private long _failed;

    public StorageRequestCounts Snapshot()
    {
        var http = Interlocked.Read(ref _http);
        var requests = Interlocked.Read(ref _requests);
        return new(requests, Interlocked.Read(ref _failed),
            new SortedDictionary<string, long>(_byKind, StringComparer.Ordinal),
            new SortedDictionary<string, long>(_byTable, StringComparer.Ordinal),
            OriginsOf(requests, http));
    }

    private static SortedDictionary<string, long> OriginsOf(long requests, long http) =>
        new(StringComparer.Ordinal) { ["background"] = requests - http, ["http"] = http };

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        try { ProcessNext(message, pipeline); }
        catch (Exception) when (CountTransportFailure(message)) { throw; }
        CountOutcome(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        try { await ProcessNextAsync(message, pipeline); }
        catch (Exception) when (CountTransportFailure(message)) { throw; }
        CountOutcome(message);
    }

    private void Count(Request request)
    {
        // The total first and the HTTP share after, while a snapshot reads them the other way round: the share it sees never
        // exceeds the total (a request counted meanwhile may show as background).
        Interlocked.Increment(ref _requests);
        if (StorageDeadline.Current is not null) Interlocked.Increment(ref _http);
        var (kind, table) = Classify(request.Method, request.Uri.Path);
        _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        _byTable.AddOrUpdate(table, 1, (_, n) => n + 1);
        metrics?.StorageRequest(kind);
    }

    private void CountOutcome(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status >= 400) Interlocked.Increment(ref _failed);
        // 404, 409 and 412 are answers the app expects (a missing entity, a duplicate event, a lost ETag race).
        if (message.HasResponse && message.Response.Status is 408 or 429 or >= 500)
            metrics?.StorageFailure(KindOf(message), message.Response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A request that got no answer (connection refused or reset, timeout); never catches, only counts.</summary>
    private bool CountTransportFailure(HttpMessage message)
    {
        if (!message.HasResponse) metrics?.StorageFailure(KindOf(message), "transport");
        return false;
    }

    private static string KindOf(HttpMessage message) => Classify(message.Request.Method, message.Request.Uri.Path).Kind;

    /// <summary>The last path segment names the resource: <c>$batch</c>, <c>Tables(...)</c> or <c>{table}(keys)</c>.</summary>
    public static (string Kind, string Table) Classify(RequestMethod method, string path)
    {
        var segment = path.TrimEnd('/');
        segment = segment[(segment.LastIndexOf('/') + 1)..];
        var paren = segment.IndexOf('(');
        var name = paren < 0 ? segment : segment[..paren];
        if (name == "$batch") return ("batch", "$batch");
        if (name == "Tables") return ("table", "Tables");
        var kind = method == RequestMethod.Get ? "query"
            : method == RequestMethod.Post ? "insert"
            : method == RequestMethod.Delete ? "delete"
            : "update";
        return (kind, name);
    }
}

/// <summary>
/// Requests sent since the process started; failed ones (4xx/5xx answers) are part of <see cref="Requests"/> too.
/// <see cref="ByOrigin"/>: <c>http</c> and <c>background</c>, adding up to <see cref="Requests"/>.
/// </summary>
public sealed record StorageRequestCounts(
    long Requests, long Failed, IReadOnlyDictionary<string, long> ByKind, IReadOnlyDictionary<string, long> ByTable,
    IReadOnlyDictionary<string, long> ByOrigin);
