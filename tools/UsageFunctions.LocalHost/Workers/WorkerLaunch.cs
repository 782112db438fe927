namespace UsageFunctions.LocalHost.Workers;

/// <summary>Starts a worker that will connect back to the host's gRPC endpoint.</summary>
public interface IWorkerLauncher
{
    Task<RunningWorker> StartAsync(WorkerStart start, CancellationToken cancellationToken);
}

/// <summary>
/// What a worker is started with, as the Functions host starts one: its command-line switches, and the environment
/// (the app settings plus <c>FUNCTIONS_APPLICATION_DIRECTORY</c> and <c>FUNCTIONS_WORKER_DIRECTORY</c>).
/// </summary>
public sealed record WorkerStart(
    string ScriptRoot, Uri HostEndpoint, string WorkerId, string RequestId, int MaxMessageLength, IReadOnlyDictionary<string, string> Settings)
{
    public IReadOnlyList<string> Arguments =>
    [
        "--functions-uri", HostEndpoint.AbsoluteUri, "--functions-worker-id", WorkerId, "--functions-request-id", RequestId,
        "--functions-grpc-max-message-length", MaxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(Settings)
    {
        ["FUNCTIONS_APPLICATION_DIRECTORY"] = ScriptRoot,
        ["FUNCTIONS_WORKER_DIRECTORY"] = ScriptRoot,
        ["AzureWebJobsScriptRoot"] = ScriptRoot,
        ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
    };
}

/// <summary>A started worker; disposing it ends it (its whole process tree, for a process).</summary>
public abstract class RunningWorker : IAsyncDisposable
{
    /// <summary>The worker's process id, when it runs in a process of its own.</summary>
    public abstract int? ProcessId { get; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Completes when the worker has stopped (its process exited).</summary>
    public abstract Task Exited { get; }

    public abstract ValueTask DisposeAsync();
}
