using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Counts every request the table client sends, retries included (it sits in the per-retry position), so the
/// number equals the billable transactions: a batch is one request and one transaction. Kinds are read from the
/// request line alone: <c>batch</c>, <c>query</c>, <c>insert</c>, <c>update</c>, <c>delete</c>, <c>table</c>.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byTable = new(StringComparer.Ordinal);
    private long _requests;
    private long _failed;

    public StorageRequestCounts Snapshot() => new(
        Interlocked.Read(ref _requests), Interlocked.Read(ref _failed),
        new SortedDictionary<string, long>(_byKind, StringComparer.Ordinal),
        new SortedDictionary<string, long>(_byTable, StringComparer.Ordinal));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        ProcessNext(message, pipeline);
        CountOutcome(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        await ProcessNextAsync(message, pipeline);
        CountOutcome(message);
    }

    private void Count(Request request)
    {
        Interlocked.Increment(ref _requests);
        var (kind, table) = Classify(request.Method, request.Uri.Path);
        _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        _byTable.AddOrUpdate(table, 1, (_, n) => n + 1);
    }

    private void CountOutcome(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status >= 400) Interlocked.Increment(ref _failed);
    }

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

/// <summary>Requests sent since the process started; failed ones (4xx/5xx answers) are part of <see cref="Requests"/> too.</summary>
public sealed record StorageRequestCounts(
    long Requests, long Failed, IReadOnlyDictionary<string, long> ByKind, IReadOnlyDictionary<string, long> ByTable);
