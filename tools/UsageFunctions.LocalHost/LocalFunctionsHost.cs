using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UsageFunctions.LocalHost.Functions;
using UsageFunctions.LocalHost.Hosting;
using UsageFunctions.LocalHost.Rpc;

namespace UsageFunctions.LocalHost;

/// <summary>
/// A local Functions host for one function app: client HTTP and the worker's gRPC stream on loopback, the worker
/// started and loaded, timers on schedule. Disposing it terminates the worker and stops listening.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalFunctionsHost(WebApplication app) => _app = app;

    public Uri BaseAddress => _app.Services.GetRequiredService<HostEndpoints>().HttpUri;

    /// <summary>The worker's process id (null for a worker in this process) and when it was started.</summary>
    public int? WorkerProcessId => _app.Services.GetRequiredService<WorkerSupervisor>().Worker?.ProcessId;

    public DateTimeOffset? WorkerStartedAt => _app.Services.GetRequiredService<WorkerSupervisor>().Worker?.StartedAt;

    /// <summary>Completes when the worker has loaded its functions; faults when it could not.</summary>
    public Task<LoadedApp> Loaded => _app.Services.GetRequiredService<FunctionTable>().Loaded;

    /// <summary>Completes when the host stops by itself (the worker exited) or is told to (SIGINT, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        logging?.Invoke(builder.Logging);
        var endpoints = new HostEndpoints(options.HttpPort);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, endpoints.HttpPort);
            kestrel.Listen(IPAddress.Loopback, endpoints.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddHttpForwarder();
        builder.Services.AddHostCors(options.Settings);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton(sp => new WorkerChannel(Guid.NewGuid().ToString(), sp.GetRequiredService<ILogger<WorkerChannel>>()));
        builder.Services.AddSingleton<FunctionTable>();
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddSingleton<HttpFunctionProxy>();
        builder.Services.AddSingleton<WorkerSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkerSupervisor>());
        builder.Services.AddSingleton<TimerScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());

        var app = builder.Build();
        app.UseHostCors();
        app.MapGrpcService<FunctionRpcService>();
        app.MapHostAdmin();
        var proxy = app.Services.GetRequiredService<HttpFunctionProxy>();
        app.Map("/{**path}", proxy.HandleAsync);
        await app.StartAsync(cancellationToken);
        return new LocalFunctionsHost(app);
    }

    /// <summary>Fires a timer function now, as <c>POST /admin/functions/{name}</c> does, and waits for its outcome.</summary>
    public Task<InvocationOutcome> FireAsync(string function, CancellationToken cancellationToken = default) =>
        _app.Services.GetRequiredService<TimerScheduler>().FireAsync(
            _app.Services.GetRequiredService<FunctionTable>().Find(function) ?? throw new ArgumentException($"No function '{function}'.", nameof(function)),
            isPastDue: false, last: null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
