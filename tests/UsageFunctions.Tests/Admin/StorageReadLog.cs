using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace UsageFunctions.Tests.Admin;

/// <summary>
/// Every storage request an app instance sends, as the service saw it, with the rows each read returned; an instance
/// logging into it comes from <see cref="Rollups.StorageRequestPolicy.Instance"/>.
/// </summary>
public sealed class StorageReadLog : HttpPipelinePolicy
{
    public ConcurrentQueue<StorageRequest> Sent { get; } = new();

    /// <summary>What was sent while <paramref name="action"/> ran.</summary>
    public async Task<List<StorageRequest>> DuringAsync(Func<Task> action)
    {
        var before = Sent.Count;
        await action();
        return [.. Sent.Skip(before)];
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Sent.Enqueue(StorageRequest.From(message));
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Sent.Enqueue(StorageRequest.From(message));
    }
}

/// <summary>One request: its method, table (without the test prefix's effect on meaning), decoded filter and rows returned.</summary>
public sealed record StorageRequest(string Method, string Resource, string? Filter, int Rows)
{
    public StorageReadKind Kind => StorageReadKinds.Of(Method, Resource, Filter);

    /// <summary>The one partition a point read or single-partition query reads; null otherwise.</summary>
    public string? Partition => Kind switch
    {
        StorageReadKind.PointRead => StorageReadKinds.Unquote(Resource[(Resource.IndexOf("PartitionKey='", StringComparison.Ordinal) + 13)..]),
        StorageReadKind.SinglePartition => StorageReadKinds.Unquote(Filter!["PartitionKey eq ".Length..]),
        _ => null,
    };

    public override string ToString() => $"{Method} {Resource} {Filter} → {Rows} rows";

    public static StorageRequest From(HttpMessage message)
    {
        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        var resource = path[(path.LastIndexOf('/') + 1)..];
        var query = message.Request.Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')), StringComparer.Ordinal);
        return new StorageRequest(message.Request.Method.ToString(), resource, query.GetValueOrDefault("$filter"), RowsOf(message, resource));
    }

    private static int RowsOf(HttpMessage message, string resource)
    {
        if (message.Request.Method != RequestMethod.Get || !message.HasResponse || message.Response.Status != 200) return 0;
        if (resource.StartsWith("Tables", StringComparison.Ordinal)) return 0;
        using var json = JsonDocument.Parse(message.Response.Content.ToMemory());
        return json.RootElement.TryGetProperty("value", out var rows) ? rows.GetArrayLength() : 1;
    }
}
