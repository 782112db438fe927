using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Rollups;

/// <summary>Counts every storage request an app instance sends and, when told to, fails writes after a number of them.</summary>
public sealed class StorageRequestPolicy : HttpPipelinePolicy
{
    private int _requests;
    private int _writes;

    public int Requests => _requests;

    /// <summary>Every request's method and decoded path and query, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Sent { get; } = new();

    /// <summary>Writes (batches, inserts, updates, deletes) after this many fail as if the instance died; null never.</summary>
    public int? FailAfterWrites { get; set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        Sent.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.PathAndQuery)}");
        if (message.Request.Method == RequestMethod.Get) return;
        if (Interlocked.Increment(ref _writes) > FailAfterWrites) throw new Azure.RequestFailedException(503, "Injected failure: the instance died.");
    }

    /// <summary>Another app instance on the same tables and clock, its storage requests going through <paramref name="policy"/>.</summary>
    public static UsageAppFactory Instance(UsageAppFactory app, HttpPipelinePolicy policy) =>
        app.WithServices(services => services.Replace(ServiceDescriptor.Singleton(_ =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
            return new TableServiceClient(app.ConnectionString, options);
        })));
}
