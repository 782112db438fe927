using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UsageFunctions.LocalHost.Functions;
using UsageFunctions.LocalHost.Rpc;
using UsageFunctions.LocalHost.Workers;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>
/// Launches the worker once the host listens (the worker connects at once), then does the host's part of the
/// handshake: <c>WorkerInitRequest</c>, <c>FunctionsMetadataRequest</c> and one <c>FunctionLoadRequest</c> per function.
/// When the host begins to stop, before its server does, it sends <c>WorkerTerminate</c>, waits the grace period, ends
/// whatever of the worker is left and closes the stream.
/// </summary>
public sealed class WorkerSupervisor(
    LocalHostOptions options, HostEndpoints endpoints, WorkerChannel channel, FunctionTable table,
    IHostApplicationLifetime lifetime, ILogger<WorkerSupervisor> logger) : IHostedLifecycleService
{
    public const int MaxMessageLength = int.MaxValue;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private RunningWorker? _worker;
    private volatile bool _stopping;

    public RunningWorker? Worker => _worker;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var start = new WorkerStart(options.ScriptRoot, endpoints.GrpcUri, channel.WorkerId, Guid.NewGuid().ToString(), MaxMessageLength,
            options.Settings.Values);
        _worker = await options.Launcher.StartAsync(start, cancellationToken);
        logger.LogInformation("Started the worker (process {ProcessId}) for {ScriptRoot}, connecting to {Endpoint}", _worker.ProcessId, options.ScriptRoot, endpoints.GrpcUri);
        _ = HandshakeAsync(_worker);
        _ = WatchAsync(_worker);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_worker is null)
        {
            channel.End();
            return;
        }
        if (channel.Connected.IsCompletedSuccessfully && !channel.Closed.IsCompleted)
        {
            try
            {
                await channel.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(options.ShutdownGrace) } },
                    cancellationToken);
                logger.LogInformation("Sent WorkerTerminate to worker {WorkerId}; it has {Grace} to stop", channel.WorkerId, options.ShutdownGrace);
                await _worker.Exited.WaitAsync(options.ShutdownGrace, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or IOException or OperationCanceledException or InvalidOperationException)
            {
                logger.LogWarning("The worker did not stop within {Grace}; ending it", options.ShutdownGrace);
            }
        }
        await _worker.DisposeAsync();
        channel.End();
    }

    private async Task HandshakeAsync(RunningWorker worker)
    {
        try
        {
            await channel.Connected.WaitAsync(StartTimeout).WaitAsync(lifetime.ApplicationStopping);
            var init = await channel.RequestAsync(new StreamingMessage
            {
                WorkerInitRequest = new WorkerInitRequest
                {
                    HostVersion = "4.1000.0-local", WorkerDirectory = options.ScriptRoot, FunctionAppDirectory = options.ScriptRoot,
                },
            }, lifetime.ApplicationStopping);
            Ensure(init.WorkerInitResponse.Result, "initialize");
            if (!init.WorkerInitResponse.Capabilities.TryGetValue("HttpUri", out var httpUri))
                throw new InvalidOperationException("The worker does not serve HTTP itself (no HttpUri capability): use ConfigureFunctionsWebApplication.");
            var metadata = await channel.RequestAsync(new StreamingMessage
            {
                FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = options.ScriptRoot },
            }, lifetime.ApplicationStopping);
            Ensure(metadata.FunctionMetadataResponse.Result, "index its functions");
            // The worker handles each message on its own task, so the loads go out together rather than one round trip each.
            var functions = await Task.WhenAll(metadata.FunctionMetadataResponse.FunctionMetadataResults.Select(async function =>
            {
                var load = await channel.RequestAsync(new StreamingMessage
                {
                    FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function },
                }, lifetime.ApplicationStopping);
                Ensure(load.FunctionLoadResponse.Result, $"load {function.Name}");
                return LoadedFunction.From(function, options.Settings);
            }));
            var workerHttp = await WorkerHttp.WaitUntilListeningAsync(new Uri(httpUri), lifetime.ApplicationStopping);
            table.Load(new LoadedApp(functions, workerHttp, new HttpRouter(functions, RoutePrefix())));
            logger.LogInformation("Worker {WorkerId} loaded {Count} functions: {Names}", channel.WorkerId, functions.Length,
                string.Join(", ", functions.Select(f => f.Name)));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The worker did not start: {Message}", ex.Message);
            table.Fail(ex);
            if (!_stopping) lifetime.StopApplication();
        }
    }

    private async Task WatchAsync(RunningWorker worker)
    {
        await worker.Exited;
        if (_stopping) return;
        logger.LogError("The worker exited unexpectedly:\n{Output}", worker);
        table.Fail(new InvalidOperationException("The worker exited."));
        lifetime.StopApplication();
    }

    private static void Ensure(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
            throw new InvalidOperationException($"The worker could not {what}: {result.Exception?.Message}");
    }

    /// <summary><c>extensions.http.routePrefix</c> from host.json; <c>api</c> when unset, as in the Functions host.</summary>
    private string RoutePrefix()
    {
        var path = Path.Combine(options.ScriptRoot, "host.json");
        if (!File.Exists(path)) return "api";
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix) && prefix.ValueKind == JsonValueKind.String
            ? prefix.GetString()!
            : "api";
    }
}
