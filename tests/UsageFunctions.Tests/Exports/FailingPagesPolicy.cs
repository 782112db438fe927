using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Exports;

/// <summary>Storage that answers the first page of a raw-event query and then fails: a continuation request is refused.</summary>
public sealed class FailingPagesPolicy : HttpPipelineSynchronousPolicy
{
    /// <summary>Continuation requests fail (the first page is answered).</summary>
    public volatile bool Armed;

    /// <summary>Every raw-event query fails, the first page too.</summary>
    public volatile bool FailFirstPage;

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToString();
        if (uri.Contains("RawEvents()", StringComparison.Ordinal) && (FailFirstPage || Armed && uri.Contains("NextPartitionKey", StringComparison.Ordinal)))
            throw new Azure.RequestFailedException(503, "Injected failure: storage went away between two pages.");
    }

    /// <summary>Another app instance on the same tables and clock, its storage requests going through the policy, its logs kept.</summary>
    public UsageAppFactory Instance(UsageAppFactory app, ConcurrentQueue<string> logs) => app.WithServices(services =>
    {
        services.Replace(ServiceDescriptor.Singleton(_ =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(this, HttpPipelinePosition.PerCall);
            return new TableServiceClient(app.ConnectionString, options);
        }));
        services.AddSingleton<ILoggerProvider>(new KeptLogs(logs));
    });

    private sealed class KeptLogs(ConcurrentQueue<string> logs) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }

        public void Dispose()
        {
        }
    }
}
